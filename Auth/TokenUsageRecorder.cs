using System.Collections.Concurrent;
using PasteLite.Data;

namespace PasteLite.Auth;

/// <summary>
/// Keeps tokens' last-used times in memory and writes them in one transaction every few seconds
/// and at shutdown, so authenticating a request costs no database write.
/// </summary>
internal sealed partial class TokenUsageRecorder(AccessTokenStore tokens, TimeProvider clock, ILogger<TokenUsageRecorder> logger)
    : IHostedService, IDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<long, long> _pending = new();
    private ITimer? _timer;

    public void Touch(long tokenId, DateTimeOffset at) =>
        _pending.AddOrUpdate(tokenId, at.ToUnixTimeSeconds(), (_, seen) => Math.Max(seen, at.ToUnixTimeSeconds()));

    /// <summary>A use not written yet (unix seconds, 0 for none): pages show it without waiting for the flush.</summary>
    public long PendingLastUse(long tokenId) => _pending.TryGetValue(tokenId, out var at) ? at : 0;

    /// <summary>Writes what has gathered since the last flush.</summary>
    public void Flush()
    {
        var batch = new Dictionary<long, long>();
        foreach (var id in _pending.Keys)
            if (_pending.TryRemove(id, out var at)) batch[id] = at;
        try
        {
            tokens.RecordLastUsed(batch);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            // Keep the times for the next flush; a busy database must not take the server down.
            foreach (var (id, at) in batch) Touch(id, DateTimeOffset.FromUnixTimeSeconds(at));
            FlushFailed(logger, batch.Count, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not record last use of {Count} tokens: {Reason}")]
    private static partial void FlushFailed(ILogger logger, int count, string reason);

    public Task StartAsync(CancellationToken cancel)
    {
        _timer = clock.CreateTimer(_ => Flush(), null, FlushInterval, FlushInterval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancel)
    {
        _timer?.Dispose();
        Flush();
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();
}
