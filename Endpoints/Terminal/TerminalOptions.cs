using PasteLite.Config;

namespace PasteLite.Endpoints.Terminal;

/// <summary>
/// A terminal paste's options, as request headers or query parameters (the query wins when both are sent):
/// `Expire: 10m` / `?expire=10m` (Go durations plus d, at most pasty.max-expiry; without one a paste gets
/// pasty.max-expiry when that is set) and `Burn-After-Reading: true` / `?burn=1`.
/// </summary>
internal sealed record TerminalOptions(long? ExpiresAt, bool BurnAfterRead)
{
    public const string ExpireHeader = "Expire";
    public const string BurnHeader = "Burn-After-Reading";

    /// <summary>The options of a request, or a one-line reason why they are not acceptable.</summary>
    public static (TerminalOptions? Options, string? Error) Read(HttpRequest request, Settings settings, TimeProvider clock) =>
        Parse(Value(request, "expire", ExpireHeader), Value(request, "burn", BurnHeader), settings, clock);

    /// <summary>Expire and burn as text (from headers, a query or the web form; null = not given).</summary>
    public static (TerminalOptions? Options, string? Error) Parse(string? expire, string? burnText, Settings settings, TimeProvider clock)
    {
        var maximum = settings.Pasty.MaxExpiry;
        TimeSpan? lifetime = maximum;
        if (expire is not null)
        {
            if (!Durations.TryParse(expire, out var asked) || asked <= TimeSpan.Zero)
                return (null, $"invalid expiry \"{Shorten(expire)}\": use a positive duration such as 30s, 10m, 1h or 7d");
            if (asked > maximum)
                return (null, $"expiry {Durations.Format(asked)} is longer than this server allows ({Durations.Format(maximum.Value)})");
            lifetime = asked;
        }

        var burn = false;
        if (burnText is not null)
        {
            bool? parsed = burnText.Trim().ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "on" => true,
                "false" or "0" or "no" or "off" => false,
                _ => null,
            };
            if (parsed is null) return (null, $"invalid burn-after-reading \"{Shorten(burnText)}\": use true or false");
            burn = parsed.Value;
        }

        // Rounded up to the second: a paste never expires before the time it asked for.
        long? expiresAt = lifetime is { } life
            ? (clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)Math.Ceiling(life.TotalMilliseconds) + 999) / 1000
            : null;
        return (new TerminalOptions(expiresAt, burn), null);
    }

    private static string? Value(HttpRequest request, string query, string header)
    {
        if (request.Query.TryGetValue(query, out var fromQuery)) return fromQuery.ToString();
        return request.Headers.TryGetValue(header, out var fromHeader) ? fromHeader.ToString() : null;
    }

    /// <summary>Echoes at most 40 characters of what the client sent, control characters (a %0A in a query) as '?'.</summary>
    private static string Shorten(string text)
    {
        var clean = string.Concat(text.Take(41).Select(c => char.IsControl(c) ? '?' : c));
        return clean.Length <= 40 ? clean : clean[..40] + "...";
    }
}
