using PasteLite.Config;
using PasteLite.Data;

namespace PasteLite.Services;

/// <summary>
/// Deletes expired pastes (autodelete lifetime, per-paste expiry) at start-up and then every
/// pasty.autodelete.task-interval. Reads already treat them as gone; this only reclaims the space.
/// A failed run is logged and the next one tries again (pasty's sweeper killed the process).
/// </summary>
internal sealed partial class PasteSweeper(PasteStore store, Settings settings, TimeProvider clock, ILogger<PasteSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(settings.Pasty.AutodeleteInterval, clock);
        try
        {
            do SweepOnce();
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One sweep; returns how many pastes it deleted (0 when it failed).</summary>
    public int SweepOnce()
    {
        try
        {
            var deleted = store.DeleteExpired();
            if (deleted > 0) Deleted(logger, deleted);
            return deleted;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Failed(logger, e);
            return 0;
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "autodelete: deleted {Count} expired pastes")]
    private static partial void Deleted(ILogger logger, int count);

    [LoggerMessage(EventId = 41, Level = LogLevel.Error, Message = "autodelete: sweep failed; trying again next interval")]
    private static partial void Failed(ILogger logger, Exception error);
}
