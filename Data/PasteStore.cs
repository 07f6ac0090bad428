using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using PasteLite.Config;

namespace PasteLite.Data;

/// <summary>One paste as stored: content is UTF-8 bytes, TokenHash "" when it has no modification token, Metadata JSON text.</summary>
internal sealed record PasteRow(string Id, byte[] Content, string TokenHash, long Created, string Metadata);

/// <summary>What a new paste carries besides its content (the terminal surface sets these; pasty's API leaves them).</summary>
internal sealed record PasteExtras(long? ExpiresAt = null, bool BurnAfterRead = false, long? OwnerId = null);

internal enum UpdateOutcome { Updated, NotFound, Declined }

/// <summary>A live paste, and whether its first read of the content deletes it.</summary>
internal sealed record LivePaste(PasteRow Paste, bool BurnAfterRead);

/// <summary>
/// The pastes table, shared by every paste surface. A paste past its expires_at, or older than the autodelete
/// lifetime, is gone for every read from that moment on, whether or not the sweeper has deleted it yet.
/// </summary>
internal sealed class PasteStore(Database db, TimeProvider clock, Settings settings)
{
    private const string Columns =
        "id AS Id, content AS Content, coalesce(token_hash, '') AS TokenHash, created AS Created, metadata AS Metadata";

    /// <summary>The SQL condition for a paste that has not expired; takes @now and @oldestCreated.</summary>
    private const string Live = "(expires_at IS NULL OR expires_at > @now) AND created >= @oldestCreated";

    /// <summary>Stores a new paste unless its id is taken; false means the id collided and nothing was written.</summary>
    public bool TryInsert(PasteRow paste, PasteExtras extras) => db.Write((c, t) => Insert(c, t, paste, extras));

    /// <summary><see cref="TryInsert"/> committed together with other creates arriving at the same time; true only once committed.</summary>
    public Task<bool> TryInsertAsync(PasteRow paste, PasteExtras extras) => db.WriteGroupedAsync((c, t) => Insert(c, t, paste, extras));

    /// <summary>Every create runs this: a prepared command per connection, bound without Dapper (as the read below).</summary>
    private static bool Insert(SqliteConnection c, SqliteTransaction t, PasteRow paste, PasteExtras extras)
    {
        var command = PreparedCommands.Bind(c, InsertSql,
            ("@id", paste.Id), ("@content", paste.Content), ("@tokenHash", paste.TokenHash.Length > 0 ? paste.TokenHash : null),
            ("@created", paste.Created), ("@metadata", paste.Metadata), ("@expiresAt", extras.ExpiresAt),
            ("@burn", extras.BurnAfterRead ? 1 : 0), ("@ownerId", extras.OwnerId));
        command.Transaction = t;
        return command.ExecuteNonQuery() == 1;
    }

    private const string InsertSql = """
        INSERT INTO pastes (id, content, token_hash, created, metadata, expires_at, burn_after_read, owner_id)
        VALUES (@id, @content, @tokenHash, @created, @metadata, @expiresAt, @burn, @ownerId)
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>The live paste with this exact (case-sensitive) id, or null.</summary>
    public PasteRow? Find(string id) => db.Read(c => Find(c, null, id));

    /// <summary>The live paste and its burn-after-reading flag, without reading it (nothing is burnt): for pages that ask first.</summary>
    public LivePaste? Look(string id)
    {
        var (now, oldestCreated) = Bounds();
        return db.Read(c =>
        {
            // The hottest query (every paste read): a raw statement, as SqliteCommand's reader cost more than the query.
            var statement = PreparedCommands.Raw(c, LookSql);
            try
            {
                raw.sqlite3_bind_text(statement, 1, id);
                raw.sqlite3_bind_int64(statement, 2, now);
                raw.sqlite3_bind_int64(statement, 3, oldestCreated);
                var rc = raw.sqlite3_step(statement);
                if (rc == raw.SQLITE_DONE) return null;
                if (rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, c.Handle);
                // The id is the one asked for: ids compare byte for byte (BINARY), so the stored one is identical.
                var paste = new PasteRow(id, raw.sqlite3_column_blob(statement, 1).ToArray(),
                    raw.sqlite3_column_text(statement, 2).utf8_to_string(), raw.sqlite3_column_int64(statement, 3),
                    raw.sqlite3_column_text(statement, 4).utf8_to_string());
                return new LivePaste(paste, raw.sqlite3_column_int64(statement, 5) != 0);
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }
        });
    }

    /// <summary>Its parameters are numbered in order of appearance: @id 1, @now 2, @oldestCreated 3.</summary>
    private const string LookSql = $"SELECT {Columns}, burn_after_read FROM pastes WHERE id = @id AND {Live}";

    /// <summary>
    /// Reads the content of a live paste, the way every surface that hands out content must: a burn-after-reading
    /// paste is deleted by this read (see <see cref="Burn"/>), so it is returned to one caller only.
    /// </summary>
    public PasteRow? Read(string id) => Look(id) is { } live ? (live.BurnAfterRead ? Burn(id) : live.Paste) : null;

    /// <summary>
    /// Deletes a live burn-after-reading paste and returns what it held, in one statement: of two concurrent
    /// readers (threads or processes) exactly one gets the row, the other null.
    /// </summary>
    public PasteRow? Burn(string id)
    {
        var (now, oldestCreated) = Bounds();
        return db.Write((c, t) => c.QuerySingleOrDefault<PasteRow>(
            $"DELETE FROM pastes WHERE id = @id AND burn_after_read = 1 AND {Live} RETURNING {Columns}",
            new { id, now, oldestCreated }, t));
    }

    /// <summary>
    /// Reads the live paste and stores what <paramref name="change"/> makes of it (content and metadata), in one
    /// transaction, so concurrent edits never lose each other's keys. A null from the change writes nothing.
    /// </summary>
    public (UpdateOutcome Outcome, PasteRow? Paste) Update(string id, Func<PasteRow, PasteRow?> change) =>
        db.Write<(UpdateOutcome, PasteRow?)>((c, t) =>
        {
            if (Find(c, t, id) is not { } current) return (UpdateOutcome.NotFound, null);
            if (change(current) is not { } updated) return (UpdateOutcome.Declined, current);
            c.Execute("UPDATE pastes SET content = @Content, metadata = @Metadata WHERE id = @Id",
                new { current.Id, updated.Content, updated.Metadata }, t);
            return (UpdateOutcome.Updated, updated with { Id = current.Id, TokenHash = current.TokenHash, Created = current.Created });
        });

    /// <summary>Deletes a paste; false when there was none.</summary>
    public bool Delete(string id) =>
        db.Write((c, t) => c.Execute("DELETE FROM pastes WHERE id = @id", new { id }, t) == 1);

    /// <summary>Deletes every expired paste (past expires_at, or older than the autodelete lifetime); returns how many.</summary>
    public int DeleteExpired()
    {
        var (now, oldestCreated) = Bounds();
        return db.Write((c, t) => c.Execute($"DELETE FROM pastes WHERE NOT ({Live})", new { now, oldestCreated }, t));
    }

    private PasteRow? Find(SqliteConnection connection, SqliteTransaction? transaction, string id)
    {
        var (now, oldestCreated) = Bounds();
        return connection.QuerySingleOrDefault<PasteRow>(
            $"SELECT {Columns} FROM pastes WHERE id = @id AND {Live}", new { id, now, oldestCreated }, transaction);
    }

    /// <summary>Now, and the oldest creation time still alive (pasty deletes when created &lt; now - lifetime).</summary>
    private (long Now, long OldestCreated) Bounds()
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var pasty = settings.Pasty;
        var oldest = pasty.AutodeleteEnabled ? now - (long)pasty.AutodeleteLifetime.TotalSeconds : long.MinValue;
        return (now, oldest);
    }
}
