using System.Collections.Concurrent;

namespace PasteLite.Auth;

/// <summary>
/// Throttles failed authentication per key (<see cref="AuthThrottle.Key"/>: kind of secret + client address): after
/// <see cref="Limit"/> failures within <see cref="Window"/>, further attempts are refused until it passes.
/// </summary>
internal sealed class FailedAttempts(TimeProvider clock)
{
    public const int Limit = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, (int Count, DateTimeOffset Since)> _failures = new();

    /// <summary>How long until a blocked key may try again; null when it is not blocked.</summary>
    public TimeSpan? BlockedFor(string key)
    {
        if (!_failures.TryGetValue(key, out var entry) || entry.Count < Limit) return null;
        var left = entry.Since + Window - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }

    /// <summary>Seconds for a Retry-After header: at least 1.</summary>
    public static string RetryAfterSeconds(TimeSpan left) => Math.Max(1, (long)Math.Ceiling(left.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Fail(string key)
    {
        var now = clock.GetUtcNow();
        _failures.AddOrUpdate(key, (1, now), (_, e) => now - e.Since >= Window ? (1, now) : (e.Count + 1, e.Since));
        if (_failures.Count > 100_000) Prune(now);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _failures)
            if (now - entry.Since >= Window) _failures.TryRemove(key, out _);
    }
}
