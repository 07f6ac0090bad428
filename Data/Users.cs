using System.Buffers;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace PasteLite.Data;

// Column types as SQLite returns them (INTEGER is long): Dapper matches record constructors by exact type.
internal sealed record UserRow(long Id, string Username, string Email, string PasswordHash, long Admin, long CreatedAt)
{
    public bool IsAdmin => Admin != 0;
}

/// <summary>How a web sign-up ended: the account made, its name taken, or sign-up closed (disable-signup, not the first account).</summary>
internal enum SignUpOutcome { Created, Taken, Closed }

/// <summary>The users table: accounts from the CLI, the web sign-up and the admin panel.</summary>
internal sealed class UserStore(Database db, TimeProvider clock)
{
    private const string Columns = "id AS Id, username AS Username, email AS Email, password_hash AS PasswordHash, is_admin AS Admin, created_at AS CreatedAt";

    /// <summary>Inserts a user; null when the name (compared case-insensitively) is taken.</summary>
    public UserRow? Create(string username, string email, string passwordHash, bool isAdmin) =>
        db.Write((c, t) => Insert(c, t, username, email, passwordHash, isAdmin));

    /// <summary>
    /// A sign-up: the first account of the instance becomes admin, and with <paramref name="onlyFirst"/> (disable-signup)
    /// only a first account is let in. Both are decided in the insert's own write transaction, so of sign-ups arriving
    /// together on an empty instance exactly one is first.
    /// </summary>
    public (UserRow? User, SignUpOutcome Outcome) SignUp(string username, string email, string passwordHash, bool onlyFirst) =>
        db.Write<(UserRow?, SignUpOutcome)>((c, t) =>
        {
            var first = c.ExecuteScalar<long>("SELECT NOT EXISTS (SELECT 1 FROM users)", transaction: t) == 1;
            if (onlyFirst && !first) return (null, SignUpOutcome.Closed);
            var user = Insert(c, t, username, email, passwordHash, isAdmin: first);
            return (user, user is null ? SignUpOutcome.Taken : SignUpOutcome.Created);
        });

    private UserRow? Insert(SqliteConnection c, SqliteTransaction t,
        string username, string email, string passwordHash, bool isAdmin) =>
        c.QuerySingleOrDefault<UserRow>(
            $"""
            INSERT INTO users (username, username_normalized, email, password_hash, is_admin, created_at)
            VALUES (@username, lower(@username), lower(@email), @passwordHash, @isAdmin, @now)
            ON CONFLICT (username_normalized) DO NOTHING
            RETURNING {Columns}
            """,
            new { username, email, passwordHash, isAdmin, now = clock.GetUtcNow().ToUnixTimeSeconds() }, t);

    public UserRow? FindByName(string username) =>
        db.Read(c => c.QuerySingleOrDefault<UserRow>(
            $"SELECT {Columns} FROM users WHERE username_normalized = lower(@username)", new { username }));

    public UserRow? FindById(long id) =>
        db.Read(c => PreparedCommands.FirstOrDefault<UserRow>(PreparedCommands.Bind(c, $"SELECT {Columns} FROM users WHERE id = @id", ("@id", id))));

    /// <summary>Users whose email is one of these (compared lower-cased), for attributing revisions.</summary>
    public IReadOnlyList<UserRow> FindByEmails(IEnumerable<string> emails) => db.Read(c => FindByEmails(c, emails));

    /// <summary>As <see cref="FindByEmails(IEnumerable{string})"/>, on a connection the caller holds (e.g. within a snapshot).</summary>
    public static IReadOnlyList<UserRow> FindByEmails(SqliteConnection connection, IEnumerable<string> emails)
    {
        var wanted = emails.Where(e => e.Length > 0).Select(e => e.ToLowerInvariant()).Distinct().ToArray();
        if (wanted.Length == 0) return [];
        // One parameter (a JSON array) rather than one per email, so the statement is prepared once per connection.
        return PreparedCommands.All<UserRow>(PreparedCommands.Bind(connection,
            $"SELECT {Columns} FROM users WHERE email IN (SELECT value FROM json_each(@wanted))", ("@wanted", JsonArray(wanted))));
    }

    private static string JsonArray(string[] values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values) writer.WriteStringValue(value);
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Changes username and/or email; false when the new name is taken by someone else.</summary>
    public bool Update(long id, string? username, string? email) => db.Write((c, t) =>
    {
        if (username is not null && c.ExecuteScalar<long>(
                "SELECT count(*) FROM users WHERE username_normalized = lower(@username) AND id <> @id", new { username, id }, t) > 0)
            return false;
        c.Execute(
            """
            UPDATE users SET username = coalesce(@username, username), username_normalized = lower(coalesce(@username, username)),
                email = coalesce(lower(trim(@email)), email) WHERE id = @id
            """, new { id, username, email }, t);
        return true;
    });

    public long Count() => db.Read(c => c.ExecuteScalar<long>("SELECT count(*) FROM users"));

    public void SetPassword(long id, string passwordHash) =>
        db.Write((c, t) => c.Execute("UPDATE users SET password_hash = @passwordHash WHERE id = @id", new { id, passwordHash }, t));

    public void SetAdmin(long id, bool isAdmin) =>
        db.Write((c, t) => c.Execute("UPDATE users SET is_admin = @isAdmin WHERE id = @id", new { id, isAdmin }, t));

    public IReadOnlyList<UserRow> List() =>
        db.Read(c => c.Query<UserRow>($"SELECT {Columns} FROM users ORDER BY id").AsList());

    /// <summary>Deletes a user with their tokens, gists and likes (cascades) and the content only they used; false when there is no such user.</summary>
    public bool Delete(string username) => db.Write((c, t) =>
    {
        if (c.Execute("DELETE FROM users WHERE username_normalized = lower(@username)", new { username }, t) != 1) return false;
        c.Execute("DELETE FROM blobs WHERE NOT EXISTS (SELECT 1 FROM gist_revision_files f WHERE f.blob_hash = blobs.hash)", transaction: t);
        return true;
    });
}
