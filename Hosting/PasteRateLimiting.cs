using System.Globalization;
using PasteLite.Config;
using PasteLite.Endpoints;

namespace PasteLite.Hosting;

/// <summary>One request counted against a client's window: whether it may proceed, and what the headers say.</summary>
internal sealed record RateLimitDecision(bool Allowed, int Limit, int Remaining, long ResetUnixSeconds, TimeSpan RetryAfter);

/// <summary>
/// pasty.rate-limit as pasty applies it: one fixed window per client IP, shared by every paste route. The first
/// request opens a window of the rule's length; every request counts, rejected ones too; a request passes while
/// the count is at most the limit.
/// </summary>
internal sealed class PasteRateLimiter(Settings settings, TimeProvider clock)
{
    private sealed record Window(DateTimeOffset End, long Count);

    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    public RateLimitRule? Rule => settings.Pasty.RateLimit;

    /// <summary>Counts one request for <paramref name="clientKey"/>; null when rate limiting is off.</summary>
    public RateLimitDecision? Hit(string clientKey)
    {
        if (Rule is not { } rule) return null;
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            PruneEnded(now, rule.Window);
            if (!_windows.TryGetValue(clientKey, out var window) || now >= window.End) window = new Window(now + rule.Window, 0);
            window = window with { Count = window.Count + 1 };
            _windows[clientKey] = window;
            var remaining = (int)Math.Max(rule.Permits - window.Count, 0);
            // Rounded up, so a client that waits until Reset always finds a fresh window.
            var reset = (window.End.ToUnixTimeMilliseconds() + 999) / 1000;
            return new RateLimitDecision(window.Count <= rule.Permits, rule.Permits, remaining, reset, window.End - now);
        }
    }

    /// <summary>Forgets ended windows once per window length, so the table holds only recent clients.</summary>
    private void PruneEnded(DateTimeOffset now, TimeSpan length)
    {
        if (now < _nextPrune) return;
        foreach (var (key, window) in _windows)
            if (now >= window.End) _windows.Remove(key);
        _nextPrune = now + length;
    }
}

internal static class PasteRateLimiting
{
    public const string LimitExceeded = "Limit exceeded";

    /// <summary>
    /// Counts each request to these routes against the client's window (a step before the handler, so 429 wins over
    /// 404 and 401), sets X-RateLimit-Limit/-Remaining/-Reset on the response, and answers 429 past the limit. With
    /// pasty.rate-limit off it adds nothing: no step that passes every request on.
    /// </summary>
    public static TBuilder RequirePasteRateLimit<TBuilder>(this TBuilder builder, Settings settings) where TBuilder : IEndpointConventionBuilder =>
        settings.Pasty.RateLimit is null ? builder : builder.RunBefore(Count);

    private static IResult? Count(HttpContext http)
    {
        var limiter = http.RequestServices.GetRequiredService<PasteRateLimiter>();
        var settings = http.RequestServices.GetRequiredService<Settings>();
        if (limiter.Hit(ClientAddress.Key(ClientAddress.Of(http, settings))) is not { } decision) return null;

        var headers = http.Response.Headers;
        headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = decision.ResetUnixSeconds.ToString(CultureInfo.InvariantCulture);
        if (decision.Allowed) return null;

        headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(decision.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Text(LimitExceeded, "text/plain; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests);
    }
}
