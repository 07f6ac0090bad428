using Dapper;
using Microsoft.Data.Sqlite;

namespace PasteLite.Data;

/// <summary>
/// Folds the WAL back into the database file on a timer of its own, so no request waits for it. SQLite's automatic
/// checkpoint runs inside whichever commit crosses 1,000 WAL pages: that commit (and every create grouped into it,
/// see <see cref="Database.WriteGroupedAsync{T}"/>) then waits for the page copies and two fsyncs.
/// </summary>
/// <remarks>
/// PASSIVE never blocks readers or writers: it copies what no reader still needs and stops. Durability is
/// unchanged: a commit is in the WAL before it is acknowledged, and recovery replays the WAL after a crash.
/// </remarks>
internal sealed partial class WalCheckpointer(Database db, TimeProvider clock, ILogger<WalCheckpointer> logger)
    : IHostedService, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private ITimer? _timer;
    private int _running;

    /// <summary>One passive checkpoint (skipped while the previous one still runs).</summary>
    public void Checkpoint()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1) return;
        try
        {
            using var connection = db.Open();
            connection.Execute("PRAGMA wal_checkpoint(PASSIVE)");
        }
        catch (SqliteException e)
        {
            CheckpointFailed(logger, e.Message); // the next tick tries again; the WAL only grows meanwhile
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WAL checkpoint failed: {Reason}")]
    private static partial void CheckpointFailed(ILogger logger, string reason);

    public Task StartAsync(CancellationToken cancel)
    {
        if (!db.IsWal) return Task.CompletedTask; // other journal modes have no WAL to fold
        _timer = clock.CreateTimer(_ => Checkpoint(), null, Interval, Interval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancel)
    {
        _timer?.Dispose(); // Database.Close truncates the WAL at shutdown
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();
}
