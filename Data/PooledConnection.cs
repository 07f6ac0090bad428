using System.Runtime.InteropServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace PasteLite.Data;

/// <summary>
/// A connection of <see cref="Database"/>'s pool that keeps its read transaction open from one use to the next for
/// as long as nothing is committed to the database, by this process or any other.
/// </summary>
/// <remarks>
/// Every read transaction in WAL mode takes and drops a shared lock on a read-mark of the -shm file. When it is the
/// process's only holder, that is an fcntl, made under a mutex the other readers then queue on: ~11% of a paste
/// read's CPU (perf, bench/RESULTS.md). A transaction left open keeps the lock held, so the next read takes none.
/// It sees the database as of its start, so it is kept only while the WAL-index header, which SQLite rewrites in
/// shared memory on every commit (https://www.sqlite.org/walformat.html, "the WAL-index header"), is unchanged:
/// a read then sees exactly what a fresh transaction would.
/// </remarks>
internal sealed unsafe class PooledConnection : IDisposable
{
    private readonly byte* _walIndex; // SQLite's own mapping of the -shm file's first region; null: never kept open
    private bool _reading;
    private long _headerMxFrame, _headerChecksum;
    private long _releaseEpoch;

    public PooledConnection(SqliteConnection connection)
    {
        Connection = connection;
        // Asked of the file, not of settings: a rollback journal has no WAL-index, and a reader kept open there
        // would hold a SHARED lock that stops every writer.
        var wal = string.Equals(connection.ExecuteScalar<string>("PRAGMA journal_mode"), "wal", StringComparison.OrdinalIgnoreCase);
        if (wal) _walIndex = MapWalIndex(connection);
    }

    public SqliteConnection Connection { get; }

    /// <summary>Closes the connection (which ends any transaction), its raw statements first.</summary>
    public void Dispose()
    {
        PreparedCommands.FinalizeRaw(Connection);
        Connection.Dispose();
    }

    /// <summary>
    /// Before a read: keeps the open read transaction when the database is unchanged since it began and the pool
    /// has not asked for old ones to end since (<paramref name="releaseEpoch"/>); else ends it and begins a new one.
    /// Without WAL, reads run one transaction per statement, unless a <paramref name="snapshot"/> asks for one.
    /// </summary>
    public void BeginRead(long releaseEpoch, bool snapshot)
    {
        if (_walIndex == null)
        {
            if (snapshot) Begin();
            return;
        }
        if (_reading && _releaseEpoch == releaseEpoch && HeaderUnchanged()) return;
        EndRead();
        // Read before the snapshot is taken (by the first statement after BEGIN): a commit in between makes the next
        // check see a change and start over, never keep a snapshot older than the header it was checked against.
        (_headerMxFrame, _headerChecksum) = ReadHeader();
        Begin();
        _releaseEpoch = releaseEpoch;
    }

    /// <summary>After a use, back to the pool: a read transaction that may not be kept open is ended now.</summary>
    public void Release(long releaseEpoch)
    {
        if (_reading && (_walIndex == null || _releaseEpoch != releaseEpoch || !HeaderUnchanged())) EndRead();
    }

    private void Begin()
    {
        // A plain BEGIN, not BeginTransaction(): commands made without a transaction object (Dapper's, the prepared
        // ones) may run on the connection, which Microsoft.Data.Sqlite refuses inside its own.
        PreparedCommands.Get(Connection, "BEGIN DEFERRED").ExecuteNonQuery();
        _reading = true;
    }

    /// <summary>Ends the open read transaction, if any: before a write, or when the pool lets go of old snapshots.</summary>
    public void EndRead()
    {
        if (!_reading) return;
        _reading = false;
        PreparedCommands.Get(Connection, "COMMIT").ExecuteNonQuery();
    }

    private bool HeaderUnchanged() => ReadHeader() == (_headerMxFrame, _headerChecksum);

    /// <summary>
    /// Two words of the header's first copy (the one a commit writes last): mxFrame with nPage, and the checksum over
    /// every field before it (iChange, mxFrame, the last frame's checksum, the salts), so any commit changes them.
    /// </summary>
    private (long MxFrame, long Checksum) ReadHeader() =>
        (Volatile.Read(ref *(long*)(_walIndex + 16)), Volatile.Read(ref *(long*)(_walIndex + 40)));

    /// <summary>
    /// The -shm region SQLite has mapped for this connection, through the file's own xShmMap (public VFS API; no
    /// descriptor of ours: closing one would drop the process's POSIX locks on the file). Null where unavailable.
    /// </summary>
    private static byte* MapWalIndex(SqliteConnection connection)
    {
        try
        {
            // The journal_mode read above opened and mapped the wal-index (its region 0 is mapped by any read).
            var db = connection.Handle!.DangerousGetHandle();
            IntPtr file;
            if (sqlite3_file_control(db, "main", FcntlFilePointer, &file) != 0 || file == IntPtr.Zero) return null;
            var methods = *(IoMethods**)file;
            if (methods == null || methods->Version < 2 || methods->ShmMap == null) return null;
            void* region = null;
            if (methods->ShmMap(file, 0, 32768, 0, &region) != 0) return null;
            return (byte*)region;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private const int FcntlFilePointer = 7; // SQLITE_FCNTL_FILE_POINTER

    /// <summary>The head of sqlite3_io_methods (sqlite3.h), up to xShmMap.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct IoMethods
    {
        public int Version;
        public IntPtr Close, Read, Write, Truncate, Sync, FileSize, Lock, Unlock, CheckReservedLock, FileControl,
            SectorSize, DeviceCharacteristics;
        public delegate* unmanaged[Cdecl]<IntPtr, int, int, int, void**, int> ShmMap;
    }

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    private static extern int sqlite3_file_control(IntPtr db, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int op, void* arg);
}
