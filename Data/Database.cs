using System.Collections.Concurrent;
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
    private readonly ConcurrentBag<SqliteConnection> _idle = new();
    private volatile bool _closed;

    public Database(string path)
    {
        Path = path;
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
        return connection;
    }

    private SqliteConnection Rent() => _idle.TryTake(out var connection) ? connection : Open();

    /// <summary>Back to the pool; a connection that saw an exception is closed instead (its state is unknown).</summary>
    private void Return(SqliteConnection connection, bool healthy)
    {
        if (healthy && !_closed && _idle.Count < MaxIdle) _idle.Add(connection);
        else connection.Dispose();
    }

    public T Read<T>(Func<SqliteConnection, T> query)
    {
        var connection = Rent();
        var healthy = false;
        try
        {
            var result = query(connection);
            healthy = true;
            return result;
        }
        finally
        {
            Return(connection, healthy);
        }
    }

    /// <summary>All writes go through here: one writer at a time, one immediate transaction each.</summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        lock (_writeGate)
        {
            var connection = Rent();
            var healthy = false;
            try
            {
                T result;
                using (var transaction = connection.BeginTransaction())
                {
                    result = work(connection, transaction);
                    transaction.Commit();
                }
                healthy = true;
                return result;
            }
            finally
            {
                Return(connection, healthy);
            }
        }
    }

    public void Write(Action<SqliteConnection, SqliteTransaction> work) =>
        Write<bool>((c, t) => { work(c, t); return true; });

    /// <summary>True when the database answers a trivial query; used by the health check.</summary>
    public bool IsReadable()
    {
        try
        {
            return Read(c => c.ExecuteScalar<long>("SELECT count(*) FROM sqlite_schema") > 0);
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>Folds the WAL back into the file and drops pooled handles; called once at shutdown.</summary>
    public void Close()
    {
        _closed = true;
        while (_idle.TryTake(out var idle)) idle.Dispose();
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
