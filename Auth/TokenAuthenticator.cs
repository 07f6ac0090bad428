using PasteLite.Data;

namespace PasteLite.Auth;

/// <summary>A valid, unexpired personal access token and what it may do.</summary>
internal sealed record AuthenticatedToken(long TokenId, long UserId, TokenScopes Scopes);

/// <summary>Checks `Authorization: Bearer|Token og_...` against the stored hashes; shared by every surface that takes tokens.</summary>
internal sealed class TokenAuthenticator(AccessTokenStore tokens, TokenUsageRecorder usage, TimeProvider clock)
{
    /// <summary>
    /// The credential of an Authorization header with the `Bearer` or `Token` scheme, in any letter case
    /// (GitHub clients send `token`); null when the header is absent or uses another scheme.
    /// </summary>
    public static string? ReadCredential(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization)) return null;
        var space = authorization.IndexOf(' ');
        if (space <= 0) return null;
        var scheme = authorization[..space];
        if (!scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("Token", StringComparison.OrdinalIgnoreCase))
            return null;
        var credential = authorization[(space + 1)..].Trim();
        return credential.Length > 0 ? credential : null;
    }

    /// <summary>The token's grant, or null when it is unknown, revoked or expired. Records its use without a write per request.</summary>
    public AuthenticatedToken? Authenticate(string token)
    {
        var hash = AccessTokens.Hash(token);
        var row = tokens.FindByHash(hash);
        var now = clock.GetUtcNow();
        // The lookup is by hash; the constant-time compare keeps the final check free of timing signal too.
        if (row is null || !Secrets.FixedTimeEquals(row.TokenHash, hash) || row.IsExpired(now)) return null;
        usage.Touch(row.Id, now);
        return new AuthenticatedToken(row.Id, row.UserId, row.Scopes);
    }
}
