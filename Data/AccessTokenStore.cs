using Dapper;
using PasteLite.Auth;

namespace PasteLite.Data;

internal sealed record AccessTokenRow(
    long Id, long UserId, string Name, string TokenHash, long ScopeGist, long ScopeUser,
    long CreatedAt, long ExpiresAt, long LastUsedAt)
{
    public TokenScopes Scopes => new((ScopeLevel)ScopeGist, (ScopeLevel)ScopeUser);

    /// <summary>Opengist's rule: expires_at 0 is never; otherwise expired once now is past it.</summary>
    public bool IsExpired(DateTimeOffset now) => ExpiresAt != 0 && now.ToUnixTimeSeconds() > ExpiresAt;
}

/// <summary>Personal access tokens; only the SHA-256 of a token is ever stored.</summary>
internal sealed class AccessTokenStore(Database db, TimeProvider clock)
{
    private const string Columns = """
        id AS Id, user_id AS UserId, name AS Name, token_hash AS TokenHash, scope_gist AS ScopeGist,
        scope_user AS ScopeUser, created_at AS CreatedAt, expires_at AS ExpiresAt, last_used_at AS LastUsedAt
        """;

    /// <summary>Stores a new token's hash; returns the row (the plain token is the caller's to show once).</summary>
    public AccessTokenRow Create(long userId, string name, string tokenHash, TokenScopes scopes, long expiresAt) =>
        db.Write((c, t) => c.QuerySingle<AccessTokenRow>(
            $"""
            INSERT INTO access_tokens (user_id, name, token_hash, scope_gist, scope_user, created_at, expires_at)
            VALUES (@userId, @name, @tokenHash, @gist, @user, @now, @expiresAt)
            RETURNING {Columns}
            """,
            new { userId, name, tokenHash, gist = (int)scopes.Gist, user = (int)scopes.User,
                  now = clock.GetUtcNow().ToUnixTimeSeconds(), expiresAt }, t));

    public IReadOnlyList<AccessTokenRow> ListForUser(long userId) =>
        db.Read(c => c.Query<AccessTokenRow>(
            $"SELECT {Columns} FROM access_tokens WHERE user_id = @userId ORDER BY id DESC", new { userId }).AsList());

    public AccessTokenRow? FindByHash(string tokenHash) =>
        db.Read(c => PreparedCommands.FirstOrDefault<AccessTokenRow>(PreparedCommands.Bind(c,
            $"SELECT {Columns} FROM access_tokens WHERE token_hash = @tokenHash", ("@tokenHash", tokenHash))));

    /// <summary>Deletes a token by id; false when there is none.</summary>
    public bool Revoke(long id) =>
        db.Write((c, t) => c.Execute("DELETE FROM access_tokens WHERE id = @id", new { id }, t) == 1);

    /// <summary>Records last-use times gathered in memory, in one transaction.</summary>
    public void RecordLastUsed(IReadOnlyDictionary<long, long> lastUsedById)
    {
        if (lastUsedById.Count == 0) return;
        db.Write((c, t) =>
        {
            foreach (var (id, at) in lastUsedById)
                c.Execute("UPDATE access_tokens SET last_used_at = max(last_used_at, @at) WHERE id = @id", new { id, at }, t);
        });
    }
}
