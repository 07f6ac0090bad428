using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PasteLite.Data;

/// <summary>
/// Folds the WAL back into the database file on a thread of its own, so no commit waits for the page copies.
/// SQLite's default runs the checkpoint inside whichever commit takes the WAL past 1,000 pages: ~5 ms of copies and
/// fsyncs during which every grouped create queued behind it waits (the p99 of creates, bench/RESULTS.md).
/// </summary>
/// <remarks>
/// Each connection's WAL hook replaces SQLite's automatic checkpoint and wakes this thread every
/// <see cref="PassEvery"/> new pages. A pass copies what it can beside the writers (PASSIVE). Only a checkpoint that
/// completes lets the next writer start the WAL over, and beside writers that keep appending none does (a timer of
/// passive checkpoints let the WAL reach 3.6 GB in 20 s of creates). So once the WAL passes the bound, or when writes
/// pause for a second, a last pass runs under the write gate: it copies the few pages written since the one before
/// and the WAL starts over. That pass (two fsyncs and the pages of the pass before) takes 2-15 ms under load, which is
/// why the bound is high: 256 MB, one finish every ~1.5 s of full-speed creates.
/// </remarks>
internal sealed unsafe class WalCheckpointer
{
    /// <summary>Pages (4 KiB) in the WAL that make the next pass finish under the gate: ~2 s of creates at full speed on 2 cores.</summary>
    public const int DefaultWalPagesBound = 64_000;

    /// <summary>New WAL pages that wake a pass beside the writers: SQLite's own wal_autocheckpoint default.</summary>
    private const int PassEvery = 1000;

    /// <summary>A WAL file larger than this is truncated when writes pause (SQLite leaves it at its largest).</summary>
    private const long IdleWalBytes = 4L << 20;

    /// <summary>A second without enough new pages to wake a pass: writes have paused, and holding the gate costs nobody.</summary>
    private static readonly TimeSpan IdleFinish = TimeSpan.FromSeconds(1);

    private readonly Func<SqliteConnection> _open;
    private readonly Lock _writeGate;
    private readonly Action _releaseReads;
    private readonly string _walPath;
    private readonly int _walPagesBound;
    private readonly AutoResetEvent _wake = new(false);
    private readonly IntPtr _self;
    private volatile int _wakeAt = PassEvery;
    private Thread? _thread;
    private volatile bool _stopped;
    private long _finished;

    /// <param name="releaseReads">Ends the read transactions the pool keeps open, which would hold a checkpoint back.</param>
    public WalCheckpointer(Func<SqliteConnection> open, Lock writeGate, Action releaseReads, string walPath, int walPagesBound)
    {
        _open = open;
        _writeGate = writeGate;
        _releaseReads = releaseReads;
        _walPath = walPath;
        _walPagesBound = walPagesBound;
        // Weak: a connection a test leaves open never keeps its Database alive through this handle.
        _self = GCHandle.ToIntPtr(GCHandle.Alloc(this, GCHandleType.Weak));
    }

    /// <summary>Checkpoints finished under the write gate (each lets the WAL start over).</summary>
    public long Finished => Interlocked.Read(ref _finished);

    /// <summary>
    /// Hands <paramref name="connection"/>'s checkpoints to this thread. Where the native hook is unavailable the
    /// connection keeps SQLite's checkpoint inside the commit.
    /// </summary>
    public void Attach(SqliteConnection connection)
    {
        try
        {
            sqlite3_wal_hook(connection.Handle!.DangerousGetHandle(), &OnCommit, _self);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    /// <summary>Stops the thread; a pass under way finishes first.</summary>
    public void Stop()
    {
        _stopped = true;
        _wake.Set();
        Volatile.Read(ref _thread)?.Join(TimeSpan.FromSeconds(10));
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnCommit(IntPtr self, IntPtr db, IntPtr schema, int walPages)
    {
        // Runs on the committing thread after its write lock is released: a signal, never work.
        if (GCHandle.FromIntPtr(self).Target is WalCheckpointer checkpointer)
        {
            var wakeAt = checkpointer._wakeAt;
            var mark = wakeAt;
            if (IsDue(walPages, ref wakeAt)) checkpointer.Wake();
            if (wakeAt != mark) checkpointer._wakeAt = wakeAt;
        }
        return raw.SQLITE_OK;
    }

    /// <summary>
    /// Whether a commit that left <paramref name="walPages"/> in the WAL wakes a pass. A WAL shorter than at the last
    /// pass has started over (a pass copied everything and a writer began it again): the mark moves back to
    /// <see cref="PassEvery"/> pages, or no pass would run until the new WAL grew past the old mark, and the quiet-second
    /// finish would then meet a full WAL under the gate (75 ms in one create run).
    /// </summary>
    internal static bool IsDue(int walPages, ref int wakeAt)
    {
        if (walPages < wakeAt - PassEvery) wakeAt = PassEvery;
        return walPages >= wakeAt;
    }

    private void Wake()
    {
        if (_stopped) return;
        if (Volatile.Read(ref _thread) is null)
        {
            var thread = new Thread(Run) { IsBackground = true, Name = "pastelite WAL checkpoints" };
            if (Interlocked.CompareExchange(ref _thread, thread, null) is null) thread.Start();
        }
        _wake.Set();
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        var unfinished = false;
        while (true)
        {
            var woken = _wake.WaitOne(unfinished ? IdleFinish : Timeout.InfiniteTimeSpan);
            if (_stopped) break;
            try
            {
                connection ??= OpenOwn();
                Checkpoint(connection, raw.SQLITE_CHECKPOINT_PASSIVE, out var walPages);
                if (woken && walPages < _walPagesBound)
                {
                    _wakeAt = walPages + PassEvery;
                    unfinished = true;
                    continue;
                }
                // A second pass beside the writers leaves the gate only what they appended during the first.
                if (woken) Checkpoint(connection, raw.SQLITE_CHECKPOINT_PASSIVE, out _);
                var truncate = !woken && new FileInfo(_walPath) is { Exists: true, Length: > IdleWalBytes };
                bool done;
                lock (_writeGate) done = Checkpoint(connection, truncate ? raw.SQLITE_CHECKPOINT_TRUNCATE : raw.SQLITE_CHECKPOINT_PASSIVE, out _);
                _wakeAt = PassEvery;
                _wake.Reset(); // commits signalled during the passes are covered by them
                unfinished = !done; // busy: try again after the next quiet second
                if (done) Interlocked.Increment(ref _finished);
            }
            catch (SqliteException)
            {
                // Housekeeping: the next wake tries again on a fresh connection.
                connection?.Dispose();
                connection = null;
            }
        }
        connection?.Dispose();
    }

    private SqliteConnection OpenOwn()
    {
        var connection = _open();
        // No waiting on readers: a TRUNCATE that meets one answers BUSY at once instead of holding the write gate.
        raw.sqlite3_busy_timeout(connection.Handle, 0);
        return connection;
    }

    /// <summary>One checkpoint: false when it met a lock (another process's checkpoint, or a reader for TRUNCATE).</summary>
    private bool Checkpoint(SqliteConnection connection, int mode, out int walPages)
    {
        // Before: an old snapshot would stop the copy at its frame. After: a reader that began during the copy holds a
        // WAL read lock the next writer needs free to start the WAL over; begun again, it reads the file alone.
        _releaseReads();
        var rc = raw.sqlite3_wal_checkpoint_v2(connection.Handle, null, mode, out walPages, out _);
        _releaseReads();
        if (rc == raw.SQLITE_BUSY) return false;
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        return true;
    }

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    private static extern IntPtr sqlite3_wal_hook(IntPtr db, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr, int, int> callback, IntPtr arg);
}
