using SQLitePCL;

namespace PasteLite.Data;

/// <summary>Process-wide SQLite settings, applied once before the first connection opens.</summary>
internal static class SqliteLibrary
{
    private const int ConfigMemStatus = 9; // SQLITE_CONFIG_MEMSTATUS

    private static readonly Lock Gate = new();
    private static bool _configured;

    /// <summary>
    /// Turns off SQLite's memory statistics: with them on (the bundled build's default), every allocation and free
    /// takes one process-wide mutex, and concurrent readers queue on it.
    /// </summary>
    public static void Configure()
    {
        lock (Gate)
        {
            if (_configured) return;
            _configured = true;
            Batteries_V2.Init();
            // Accepted only before SQLite initializes (the first open); a process that opened a connection before the
            // first Database (a test) keeps the statistics (SQLITE_MISUSE here), which costs speed only.
            raw.sqlite3_config(ConfigMemStatus, 0);
        }
    }
}
