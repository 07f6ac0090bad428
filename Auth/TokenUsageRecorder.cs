using System.Collections.Concurrent;
using PasteLite.Data;

namespace PasteLite.Auth;

/// <summary>
/// Keeps tokens' last-used times in memory and writes them in one transaction every few seconds
/// and at shutdown, so authenticating a request costs no database write.
/// </summary>
internal sealed class TokenUsageRecorder(AccessTokenStore tokens) : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<long, long> _pending = new();

    public void Touch(long tokenId, DateTimeOffset at) =>
        _pending.AddOrUpdate(tokenId, at.ToUnixTimeSeconds(), (_, seen) => Math.Max(seen, at.ToUnixTimeSeconds()));

    /// <summary>Writes what has gathered since the last flush.</summary>
    public void Flush()
    {
        var batch = new Dictionary<long, long>();
        foreach (var id in _pending.Keys)
            if (_pending.TryRemove(id, out var at)) batch[id] = at;
        tokens.RecordLastUsed(batch);
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping)) Flush();
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the final flush below keeps the last uses.
        }
        Flush();
    }
}
