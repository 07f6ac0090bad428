using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;

namespace PasteLite.Data;

/// <summary>
/// The one SQLite file: hands out pooled connections for reads and runs every write through one gate
/// in a BEGIN IMMEDIATE transaction, so in-process writers queue instead of meeting SQLITE_BUSY.
/// </summary>
/// <remarks>
/// Connections are pooled here rather than by Microsoft.Data.Sqlite, so each physical connection is set up
/// (PRAGMA synchronous) once when it is opened instead of on every rent: that statement per request cost
/// ~15% of a paste read (bench/run, read: 30.7k → see the commit message).
/// </remarks>
internal sealed class Database
{
    /// <summary>Idle connections kept open; more may be open at once under load, the surplus is closed on return.</summary>
    private const int MaxIdle = 32;

    private readonly string _connectionString;
    private readonly Lock _writeGate = new();
    // A stack under a lock: ConcurrentBag's Count locks every thread's queue, ~3% of a paste read.
    private readonly Stack<PooledConnection> _idle = new(MaxIdle);
    private readonly Lock _idleGate = new();
    private volatile bool _closed;
    private long _generation;
    private long _releaseEpoch;
    private readonly WalCheckpointer _checkpointer;

    /// <param name="walPagesBound">WAL pages past which a checkpoint finishes under the write gate (tests set it low).</param>
    public Database(string path, int walPagesBound = WalCheckpointer.DefaultWalPagesBound)
    {
        SqliteLibrary.Configure();
        Path = path;
        _checkpointer = new WalCheckpointer(Open, _writeGate, ReleaseIdleReads, path + "-wal", walPagesBound);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // pooled by Rent/Return below
            ForeignKeys = true,
            // Seconds a statement waits on a lock held by another process (the CLI while the server runs).
            DefaultTimeout = 5,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>WAL checkpoints finished off the commit path (<see cref="WalCheckpointer"/>).</summary>
    public long CheckpointsFinished => _checkpointer.Finished;

    /// <summary>
    /// Counts the write transactions this process has committed: a cache of query results stays valid while this
    /// has not moved (writes by other processes, such as the CLI, are not seen here: such caches must also expire).
    /// </summary>
    public long WriteGeneration => Volatile.Read(ref _generation);

    /// <summary>Creates the file owner-only if new, refuses a newer schema, sets the journal mode, applies pending migrations.</summary>
    public void Initialize(string journalMode)
    {
        // OpenOrCreate: two processes starting on a fresh home both succeed; the mode applies only to a new file.
        using (new FileStream(Path, new FileStreamOptions
               {
                   Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite,
                   UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
               }))
        {
        }
        using var connection = Open();
        // Check before anything writes: a database from a newer PasteLite must stay exactly as it is.
        Migrations.EnsureNotNewer(connection);
        var mode = connection.ExecuteScalar<string>($"PRAGMA journal_mode={journalMode}");
        if (!string.Equals(mode, journalMode, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"SQLite refused journal mode {journalMode} (it stays {mode})");
        Migrations.Apply(connection);
    }

    /// <summary>A new physical connection of the caller's own (not pooled), set up like every pooled one.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Per connection: with WAL, NORMAL is durable against crashes of the process and fast.
        connection.Execute("PRAGMA synchronous=NORMAL");
        _checkpointer.Attach(connection);
        return connection;
    }

    private PooledConnection Rent()
    {
        lock (_idleGate)
        {
            if (_idle.TryPop(out var pooled)) return pooled;
        }
        return new PooledConnection(Open());
    }

    /// <summary>Back to the pool; a connection that saw an exception is closed instead (its state is unknown).</summary>
    private void Return(PooledConnection pooled, bool healthy)
    {
        try
        {
            if (healthy && !_closed)
            {
                lock (_idleGate)
                {
                    // Under the pool's lock: a release of idle reads (below) either finds this one idle or is seen here.
                    pooled.Release(_releaseEpoch);
                    if (_idle.Count < MaxIdle)
                    {
                        _idle.Push(pooled);
                        return;
                    }
                }
            }
        }
        catch (SqliteException)
        {
            // Ending its read transaction failed: closed below, which ends it.
        }
        pooled.Dispose();
    }

    private long ReleaseEpoch => Volatile.Read(ref _releaseEpoch);

    /// <summary>
    /// Ends the read transactions idle connections keep open (<see cref="PooledConnection"/>), and makes those in use
    /// end theirs when they come back: before a checkpoint, which can copy no page past the oldest reader's snapshot
    /// and cannot start the WAL over while any reader is in it.
    /// </summary>
    private void ReleaseIdleReads()
    {
        lock (_idleGate)
        {
            Interlocked.Increment(ref _releaseEpoch);
            foreach (var pooled in _idle) pooled.EndRead();
        }
    }

    /// <summary>The connection of the <see cref="Snapshot{T}"/> this flow is inside, if any.</summary>
    private readonly AsyncLocal<SqliteConnection?> _snapshot = new();

    public T Read<T>(Func<SqliteConnection, T> query)
    {
        if (_snapshot.Value is { } pinned) return query(pinned);
        var pooled = Rent();
        var healthy = false;
        try
        {
            pooled.BeginRead(ReleaseEpoch, snapshot: false);
            var result = query(pooled.Connection);
            healthy = true;
            return result;
        }
        finally
        {
            Return(pooled, healthy);
        }
    }

    /// <summary>
    /// Runs <paramref name="reads"/> with every <see cref="Read{T}"/> it makes on one connection inside one read
    /// transaction, so they all see the database as of one moment (WAL: the first read fixes the snapshot). A request
    /// that reads a gist row and then its revisions and files sees either all of them or, once a delete has committed,
    /// none: never the row without its files. Writes made meanwhile go through <see cref="Write{T}"/> as usual and
    /// are not seen by later reads of the snapshot. Nested calls join the outer snapshot.
    /// </summary>
    public T Snapshot<T>(Func<T> reads)
    {
        if (_snapshot.Value is not null) return reads();
        var pooled = Rent();
        var healthy = false;
        try
        {
            pooled.BeginRead(ReleaseEpoch, snapshot: true);
            T result;
            _snapshot.Value = pooled.Connection;
            try
            {
                result = reads();
            }
            finally
            {
                _snapshot.Value = null;
            }
            healthy = true;
            return result;
        }
        finally
        {
            // An unhealthy connection is closed, which rolls back a transaction left open.
            Return(pooled, healthy);
        }
    }

    /// <summary>
    /// One query of several statements on one snapshot (<see cref="Snapshot{T}"/>): the gist detail's reads, whose
    /// locks are then taken once instead of per statement. Inside an outer snapshot it joins that one.
    /// </summary>
    public T ReadSnapshot<T>(Func<SqliteConnection, T> query) => Snapshot(() => Read(query));

    /// <summary>All writes go through here: one writer at a time, one immediate transaction each.</summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        lock (_writeGate)
        {
            var pooled = Rent();
            var connection = pooled.Connection;
            var healthy = false;
            try
            {
                pooled.EndRead(); // a write transaction cannot begin inside a read one
                T result;
                using (var transaction = connection.BeginTransaction())
                {
                    result = work(connection, transaction);
                    transaction.Commit();
                }
                Interlocked.Increment(ref _generation);
                healthy = true;
                return result;
            }
            finally
            {
                Return(pooled, healthy);
            }
        }
    }

    /// <summary>
    /// A write that may share its transaction with other writes queued at the same moment (group commit): one
    /// writer thread takes everything waiting, runs it in one immediate transaction and commits once. The task
    /// completes only after that commit, so an answer sent on it is as durable as with <see cref="Write{T}"/>.
    /// <paramref name="work"/> must touch nothing but the database: if one write of a group throws, the group is
    /// rolled back and each of its writes is run again in a transaction of its own, so only that one fails.
    /// </summary>
    /// <remarks>
    /// Each commit costs a WAL append and its locks whatever it holds; creating pastes from 32 connections
    /// committed one by one, a commit per paste was the largest part of a create (bench/run numbers in the commit).
    /// </remarks>
    public Task<T> WriteGroupedAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        var write = new GroupedWrite<T>(work);
        EnsureGroupWriter();
        if (!_grouped.Writer.TryWrite(write)) return Task.FromResult(Write(work)); // closing: run it alone
        return write.Task;
    }

    private const int MaxGroup = 64;
    private readonly Channel<GroupedWrite> _grouped = Channel.CreateUnbounded<GroupedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private Thread? _groupWriter;

    private void EnsureGroupWriter()
    {
        if (Volatile.Read(ref _groupWriter) is not null) return;
        var thread = new Thread(RunGroups) { IsBackground = true, Name = "pastelite grouped writes" };
        if (Interlocked.CompareExchange(ref _groupWriter, thread, null) is null) thread.Start();
    }

    private void RunGroups()
    {
        var group = new List<GroupedWrite>(MaxGroup);
        while (_grouped.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (group.Count < MaxGroup && _grouped.Reader.TryRead(out var next)) group.Add(next);
            try
            {
                Write((c, t) =>
                {
                    foreach (var write in group) write.Run(c, t);
                    return true;
                });
                foreach (var write in group) write.Succeed();
            }
            catch (Exception)
            {
                // Some write failed (or the commit did): nothing of the group is stored. Each runs again alone.
                foreach (var write in group)
                {
                    try
                    {
                        Write((c, t) => { write.Run(c, t); return true; });
                        write.Succeed();
                    }
                    catch (Exception e)
                    {
                        write.Fail(e);
                    }
                }
            }
            group.Clear();
        }
    }

    private abstract class GroupedWrite
    {
        public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);
        public abstract void Succeed();
        public abstract void Fail(Exception e);
    }

    private sealed class GroupedWrite<T>(Func<SqliteConnection, SqliteTransaction, T> work) : GroupedWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _done.Task;
        public override void Run(SqliteConnection connection, SqliteTransaction transaction) => _result = work(connection, transaction);
        public override void Succeed() => _done.TrySetResult(_result);
        public override void Fail(Exception e) => _done.TrySetException(e);
    }

    public void Write(Action<SqliteConnection, SqliteTransaction> work) =>
        Write<bool>((c, t) => { work(c, t); return true; });

    /// <summary>
    /// True when the database file answers a trivial query; used by the health check. On a connection of its own: a
    /// pooled one may answer from its kept read transaction and page cache without reading the file at all.
    /// </summary>
    public bool IsReadable()
    {
        try
        {
            using var connection = Open();
            return connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_schema") > 0;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>Folds the WAL back into the file and drops pooled handles; called once at shutdown.</summary>
    public void Close()
    {
        // Queued grouped writes finish first (requests have drained by now, so the queue is short).
        _grouped.Writer.TryComplete();
        if (Volatile.Read(ref _groupWriter) is { } writer) writer.Join(TimeSpan.FromSeconds(10));
        _closed = true;
        _checkpointer.Stop();
        lock (_idleGate)
        {
            while (_idle.TryPop(out var idle)) idle.Dispose();
        }
        try
        {
            using var connection = Open();
            connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        catch (SqliteException)
        {
            // A checkpoint is housekeeping: the next start recovers the WAL anyway.
        }
    }
}
