using Dapper;

namespace PasteLite.Data;

// Column types as SQLite returns them (INTEGER is long): Dapper matches record constructors by exact type.
internal sealed record UserRow(long Id, string Username, string Email, string PasswordHash, long Admin, long CreatedAt)
{
    public bool IsAdmin => Admin != 0;
}

/// <summary>The users table: created through the CLI today, the web UI and API later.</summary>
internal sealed class UserStore(Database db, TimeProvider clock)
{
    private const string Columns = "id AS Id, username AS Username, email AS Email, password_hash AS PasswordHash, is_admin AS Admin, created_at AS CreatedAt";

    /// <summary>Inserts a user; null when the name (compared case-insensitively) is taken.</summary>
    public UserRow? Create(string username, string email, string passwordHash, bool isAdmin) =>
        db.Write((c, t) => c.QuerySingleOrDefault<UserRow>(
            $"""
            INSERT INTO users (username, username_normalized, email, password_hash, is_admin, created_at)
            VALUES (@username, lower(@username), lower(@email), @passwordHash, @isAdmin, @now)
            ON CONFLICT (username_normalized) DO NOTHING
            RETURNING {Columns}
            """,
            new { username, email, passwordHash, isAdmin, now = clock.GetUtcNow().ToUnixTimeSeconds() }, t));

    public UserRow? FindByName(string username) =>
        db.Read(c => c.QuerySingleOrDefault<UserRow>(
            $"SELECT {Columns} FROM users WHERE username_normalized = lower(@username)", new { username }));

    public IReadOnlyList<UserRow> List() =>
        db.Read(c => c.Query<UserRow>($"SELECT {Columns} FROM users ORDER BY id").AsList());

    /// <summary>Deletes a user with their tokens, gists and likes (cascades); false when there is no such user.</summary>
    public bool Delete(string username) =>
        db.Write((c, t) => c.Execute("DELETE FROM users WHERE username_normalized = lower(@username)", new { username }, t) == 1);
}
