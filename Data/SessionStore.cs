using System.Security.Cryptography;
using Dapper;
using PasteLite.Auth;

namespace PasteLite.Data;

/// <summary>Web sessions: the browser holds a random token, the database its SHA-256 and the expiry.</summary>
internal sealed class SessionStore(Database db, UserStore users, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    private long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Starts a session for a user and returns the raw token for the cookie.</summary>
    public string Create(long userId)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        db.Write((c, t) => c.Execute(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (@hash, @userId, @now, @expires)",
            new { hash = Secrets.Sha256Hex(token), userId, now = Now, expires = Now + (long)Lifetime.TotalSeconds }, t));
        return token;
    }

    /// <summary>The signed-in user of a live session, or null.</summary>
    public UserRow? Find(string token)
    {
        var userId = db.Read(c => c.QuerySingleOrDefault<long?>(
            "SELECT user_id FROM sessions WHERE token_hash = @hash AND expires_at > @now",
            new { hash = Secrets.Sha256Hex(token), now = Now }));
        return userId is { } id ? users.FindById(id) : null;
    }

    public void Delete(string token) =>
        db.Write((c, t) => c.Execute("DELETE FROM sessions WHERE token_hash = @hash", new { hash = Secrets.Sha256Hex(token) }, t));

    /// <summary>Ends every other session of a user (after a password change).</summary>
    public void DeleteOthers(long userId, string keepToken) =>
        db.Write((c, t) => c.Execute("DELETE FROM sessions WHERE user_id = @userId AND token_hash <> @keep",
            new { userId, keep = Secrets.Sha256Hex(keepToken) }, t));
}
