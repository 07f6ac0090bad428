using PasteLite.Data;

namespace PasteLite.Auth;

/// <summary>A valid, unexpired personal access token, its owner, and what it may do.</summary>
internal sealed record AuthenticatedToken(long TokenId, UserRow User, TokenScopes Scopes)
{
    public long UserId => User.Id;
}

/// <summary>
/// Checks `Authorization: Bearer|Token og_...` against the stored hashes; shared by every surface that takes tokens.
/// A token found is remembered with its owner (<see cref="RecentReads{TKey,TValue}"/>): until this process next
/// writes, and for at most <see cref="RecentReads.MaxAge"/>, which is how long a token revoked (or an
/// owner changed) by another process, the CLI, may still be honoured. Expiry is checked on every use.
/// </summary>
internal sealed class TokenAuthenticator(AccessTokenStore tokens, UserStore users, TokenUsageRecorder usage, TimeProvider clock, Database db)
{
    private sealed record Grant(AccessTokenRow Token, UserRow Owner);

    private readonly RecentReads<string, Grant> _recent = new(db, capacity: 10_000);

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
        var now = clock.GetUtcNow();
        if (!_recent.TryGet(hash, now.ToUnixTimeMilliseconds(), out var grant))
        {
            var stamp = _recent.Begin();
            var row = tokens.FindByHash(hash);
            // The lookup is by hash; the constant-time compare keeps the final check free of timing signal too.
            if (row is null || !Secrets.FixedTimeEquals(row.TokenHash, hash) || users.FindById(row.UserId) is not { } owner) return null;
            grant = new Grant(row, owner);
            _recent.Store(hash, grant, stamp);
        }
        if (grant.Token.IsExpired(now)) return null;
        usage.Touch(grant.Token.Id, now);
        return new AuthenticatedToken(grant.Token.Id, grant.Owner, grant.Token.Scopes);
    }
}
