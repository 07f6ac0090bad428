using System.Security.Cryptography;

namespace PasteLite.Auth;

/// <summary>Opengist's scope levels: each resource has none, read, or read+write (write implies read).</summary>
internal enum ScopeLevel { None = 0, Read = 1, Write = 2 }

internal sealed record TokenScopes(ScopeLevel Gist, ScopeLevel User)
{
    public static readonly TokenScopes None = new(ScopeLevel.None, ScopeLevel.None);

    public static readonly IReadOnlyList<string> Names = ["gist:read", "gist:write", "user:read", "user:write"];

    /// <summary>Parses `gist:read,user:write`; returns null and a reason for an unknown scope.</summary>
    public static TokenScopes? Parse(string? list, out string? error)
    {
        error = null;
        var scopes = None;
        foreach (var name in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (name.Equals("none", StringComparison.OrdinalIgnoreCase)) continue;
            scopes = name.ToLowerInvariant() switch
            {
                "gist:read" => scopes with { Gist = Max(scopes.Gist, ScopeLevel.Read) },
                "gist:write" => scopes with { Gist = ScopeLevel.Write },
                "user:read" => scopes with { User = Max(scopes.User, ScopeLevel.Read) },
                "user:write" => scopes with { User = ScopeLevel.Write },
                _ => null!,
            };
            if (scopes is null)
            {
                error = $"unknown scope \"{name}\" (expected {string.Join(", ", Names)})";
                return null;
            }
        }
        return scopes;
    }

    /// <summary>The scope names this grants, most powerful per resource: `gist:write,user:read`.</summary>
    public override string ToString()
    {
        var names = new List<string>(2);
        if (Gist != ScopeLevel.None) names.Add(Gist == ScopeLevel.Write ? "gist:write" : "gist:read");
        if (User != ScopeLevel.None) names.Add(User == ScopeLevel.Write ? "user:write" : "user:read");
        return names.Count == 0 ? "none" : string.Join(',', names);
    }

    private static ScopeLevel Max(ScopeLevel a, ScopeLevel b) => a > b ? a : b;
}

/// <summary>Personal access tokens: `og_` + 64 lowercase hex from a CSPRNG, stored only as SHA-256 hex.</summary>
internal static class AccessTokens
{
    public const string Prefix = "og_";

    public static string Generate() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Secrets.Sha256Hex(token);

    /// <summary>
    /// Opengist's rule for an expiry date: the token stays valid until 23:59:59 of that day, server-local time.
    /// Unix seconds, or null when <paramref name="day"/> is not YYYY-MM-DD.
    /// </summary>
    public static long? EndOfDay(string day)
    {
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var date))
            return null;
        var local = date.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZoneInfo.Local.GetUtcOffset(local)).ToUnixTimeSeconds();
    }
}
