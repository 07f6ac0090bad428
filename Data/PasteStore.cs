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
internal sealed class PasteStore(Database db, TimeProvider clock, Settings settings, PasteIds ids)
{
    private const string Columns =
        "id AS Id, content AS Content, coalesce(token_hash, '') AS TokenHash, created AS Created, metadata AS Metadata";

    /// <summary>The SQL condition for a paste that has not expired; takes @now and @oldestCreated.</summary>
    private const string Live = "(expires_at IS NULL OR expires_at > @now) AND created >= @oldestCreated";

    /// <summary>Stores a new paste under a fresh id (its own Id is ignored); null when no free id was found.</summary>
    public string? TryInsert(PasteRow paste, PasteExtras extras) => db.Write((c, t) => Insert(c, t, paste, extras));

    /// <summary><see cref="TryInsert"/> committed together with other creates arriving at the same time; the id only once committed.</summary>
    public Task<string?> TryInsertAsync(PasteRow paste, PasteExtras extras) => db.WriteGroupedAsync((c, t) => Insert(c, t, paste, extras));

    /// <summary>
    /// Every create runs this inside its write transaction: the next sequence number and its derived id, or a drawn
    /// id when there is none; an id some paste already has is never reused (the number is skipped, or drawn again).
    /// </summary>
    private string? Insert(SqliteConnection c, SqliteTransaction t, PasteRow paste, PasteExtras extras)
    {
        for (var attempt = 0; attempt < PasteIds.MaxAttempts; attempt++)
        {
            var (sequence, derived) = ids.Next(c, t);
            var id = derived ?? ids.Draw();
            // A derived id may equal a drawn one; a drawn id may equal a derived one (the index covers drawn ones only).
            var taken = derived is not null ? ids.AnyDrawn && LocateDrawn(c, t, id) is not null : LocateDerived(c, t, id) is not null;
            if (taken) continue;
            if (!InsertRow(c, sequence, id, derived is null, paste, extras)) continue;
            if (derived is null) ids.NoteDrawn();
            return id;
        }
        return null;
    }

    /// <summary>The insert of every create, as a raw statement (numbered as in <see cref="InsertSql"/>); false when it inserted nothing.</summary>
    private static bool InsertRow(SqliteConnection c, long sequence, string id, bool drawn, PasteRow paste, PasteExtras extras)
    {
        var statement = PreparedCommands.Raw(c, InsertSql);
        try
        {
            raw.sqlite3_bind_int64(statement, 1, sequence);
            raw.sqlite3_bind_text(statement, 2, id);
            raw.sqlite3_bind_int(statement, 3, drawn ? 1 : 0);
            raw.sqlite3_bind_blob(statement, 4, paste.Content);
            if (paste.TokenHash.Length > 0) raw.sqlite3_bind_text(statement, 5, paste.TokenHash);
            else raw.sqlite3_bind_null(statement, 5);
            raw.sqlite3_bind_int64(statement, 6, paste.Created);
            raw.sqlite3_bind_text(statement, 7, paste.Metadata);
            if (extras.ExpiresAt is { } expiresAt) raw.sqlite3_bind_int64(statement, 8, expiresAt);
            else raw.sqlite3_bind_null(statement, 8);
            raw.sqlite3_bind_int(statement, 9, extras.BurnAfterRead ? 1 : 0);
            if (extras.OwnerId is { } ownerId) raw.sqlite3_bind_int64(statement, 10, ownerId);
            else raw.sqlite3_bind_null(statement, 10);
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, c.Handle);
            return raw.sqlite3_changes(c.Handle) == 1;
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    /// <summary>OR IGNORE: a drawn id already drawn by another paste (the unique index on drawn ids) inserts nothing.</summary>
    private const string InsertSql = """
        INSERT OR IGNORE INTO pastes (seq, id, drawn, content, token_hash, created, metadata, expires_at, burn_after_read, owner_id)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
        """;

    /// <summary>The live paste with this exact (case-sensitive) id, or null.</summary>
    public PasteRow? Find(string id) => Look(id)?.Paste;

    /// <summary>The live paste and its burn-after-reading flag, without reading it (nothing is burnt): for pages that ask first.</summary>
    public LivePaste? Look(string id)
    {
        var (now, oldestCreated) = Bounds();
        return db.Read(c =>
        {
            if (ids.Derived(id) is { } sequence && LookRow(c, LookDerivedSql, sequence, id, now, oldestCreated) is { } derived) return derived;
            if (LookRow(c, LookDrawnSql, 0, id, now, oldestCreated) is { } drawn) return drawn;
            return ids.DerivedUnderRecorded(c, null, id) is { } other ? LookRow(c, LookDerivedSql, other, id, now, oldestCreated) : null;
        });
    }

    /// <summary>
    /// One row of a paste lookup (every paste read runs one or two): a raw statement, as SqliteCommand's reader cost
    /// more than the query. Parameters by number: @seq 1 (when the SQL has it), @id 2, @now 3, @oldestCreated 4.
    /// </summary>
    private static LivePaste? LookRow(SqliteConnection c, string sql, long sequence, string id, long now, long oldestCreated)
    {
        var statement = PreparedCommands.Raw(c, sql);
        try
        {
            raw.sqlite3_bind_int64(statement, 1, sequence);
            raw.sqlite3_bind_text(statement, 2, id);
            raw.sqlite3_bind_int64(statement, 3, now);
            raw.sqlite3_bind_int64(statement, 4, oldestCreated);
            var rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_DONE) return null;
            if (rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, c.Handle);
            // The id is the one asked for: ids compare byte for byte (BINARY), so the stored one is identical.
            var paste = new PasteRow(id, raw.sqlite3_column_blob(statement, 0).ToArray(),
                raw.sqlite3_column_text(statement, 1).utf8_to_string(), raw.sqlite3_column_int64(statement, 2),
                raw.sqlite3_column_text(statement, 3).utf8_to_string());
            return new LivePaste(paste, raw.sqlite3_column_int64(statement, 4) != 0);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    private const string LookColumns = "content, coalesce(token_hash, ''), created, metadata, burn_after_read";
    private const string LiveByNumber = "(expires_at IS NULL OR expires_at > ?3) AND created >= ?4";
    private const string LookDerivedSql = $"SELECT {LookColumns} FROM pastes WHERE seq = ?1 AND id = ?2 AND {LiveByNumber}";
    private const string LookDrawnSql = $"SELECT {LookColumns} FROM pastes WHERE id = ?2 AND drawn = 1 AND {LiveByNumber}";

    /// <summary>The sequence number of the stored paste (live or not) with this id, or null: for the writes below.</summary>
    private long? Locate(SqliteConnection c, SqliteTransaction t, string id) => LocateDerived(c, t, id) ?? LocateDrawn(c, t, id);

    /// <summary>Under this process's scheme, then (only on a miss) under the one recorded by another process.</summary>
    private long? LocateDerived(SqliteConnection c, SqliteTransaction t, string id) =>
        LocateAt(c, t, ids.Derived(id), id) ?? LocateAt(c, t, ids.DerivedUnderRecorded(c, t, id), id);

    private static long? LocateAt(SqliteConnection c, SqliteTransaction t, long? sequence, string id) =>
        sequence is { } seq ? c.ExecuteScalar<long?>("SELECT seq FROM pastes WHERE seq = @seq AND id = @id", new { seq, id }, t) : null;

    private static long? LocateDrawn(SqliteConnection c, SqliteTransaction t, string id)
    {
        var command = PreparedCommands.Bind(c, "SELECT seq FROM pastes WHERE id = @id AND drawn = 1", ("@id", id));
        command.Transaction = t;
        return command.ExecuteScalar() is long sequence ? sequence : null;
    }

    /// <summary>
    /// Reads the content of a live paste, the way every surface that hands out content must: a burn-after-reading
    /// paste is deleted by this read (see <see cref="Burn"/>), so it is returned to one caller only.
    /// </summary>
    public PasteRow? Read(string id) => Look(id) is { } live ? (live.BurnAfterRead ? Burn(id) : live.Paste) : null;

    /// <summary>
    /// Deletes a live burn-after-reading paste and returns what it held, in one write transaction: of two concurrent
    /// readers (threads or processes) exactly one gets the row, the other null.
    /// </summary>
    public PasteRow? Burn(string id)
    {
        var (now, oldestCreated) = Bounds();
        return db.Write((c, t) =>
        {
            if (Locate(c, t, id) is not { } seq) return null;
            PasteIds.KeepHighWater(c, t);
            return c.QuerySingleOrDefault<PasteRow>(
                $"DELETE FROM pastes WHERE seq = @seq AND burn_after_read = 1 AND {Live} RETURNING {Columns}",
                new { seq, now, oldestCreated }, t);
        });
    }

    /// <summary>
    /// Reads the live paste and stores what <paramref name="change"/> makes of it (content and metadata), in one
    /// transaction, so concurrent edits never lose each other's keys. A null from the change writes nothing.
    /// </summary>
    public (UpdateOutcome Outcome, PasteRow? Paste) Update(string id, Func<PasteRow, PasteRow?> change) =>
        db.Write<(UpdateOutcome, PasteRow?)>((c, t) =>
        {
            if (Locate(c, t, id) is not { } seq || Find(c, t, seq) is not { } current) return (UpdateOutcome.NotFound, null);
            if (change(current) is not { } updated) return (UpdateOutcome.Declined, current);
            c.Execute("UPDATE pastes SET content = @Content, metadata = @Metadata WHERE seq = @seq",
                new { seq, updated.Content, updated.Metadata }, t);
            return (UpdateOutcome.Updated, updated with { Id = current.Id, TokenHash = current.TokenHash, Created = current.Created });
        });

    /// <summary>Deletes a paste; false when there was none.</summary>
    public bool Delete(string id) => db.Write((c, t) =>
    {
        if (Locate(c, t, id) is not { } seq) return false;
        PasteIds.KeepHighWater(c, t);
        return c.Execute("DELETE FROM pastes WHERE seq = @seq", new { seq }, t) == 1;
    });

    /// <summary>
    /// Deletes expired pastes (past expires_at, or older than the autodelete lifetime); returns how many. Neither
    /// scans the table under the write gate: per-paste expiry goes through pastes_by_expiry, and age through the
    /// sequence numbers, which pastes get in the order they are made, so the old ones are the first rows: everything
    /// before the first paste still young goes. A paste older than one before it (made after the clock was set back)
    /// waits until those before it have gone; every read treats it as gone already.
    /// </summary>
    public int DeleteExpired()
    {
        var (now, oldestCreated) = Bounds();
        return db.Write((c, t) =>
        {
            PasteIds.KeepHighWater(c, t);
            var deleted = c.Execute(SweepExpiredSql, new { now }, t);
            if (oldestCreated == long.MinValue) return deleted; // autodelete is off
            var firstYoung = c.ExecuteScalar<long?>(FirstYoungSql, new { oldestCreated }, t);
            return deleted + c.Execute(SweepOldSql, new { firstYoung = firstYoung ?? long.MaxValue, oldestCreated }, t);
        });
    }

    internal const string SweepExpiredSql = "DELETE FROM pastes WHERE expires_at <= @now";
    internal const string FirstYoungSql = "SELECT seq FROM pastes WHERE created >= @oldestCreated ORDER BY seq LIMIT 1";
    internal const string SweepOldSql = "DELETE FROM pastes WHERE seq < @firstYoung AND created < @oldestCreated";

    private PasteRow? Find(SqliteConnection connection, SqliteTransaction transaction, long seq)
    {
        var (now, oldestCreated) = Bounds();
        return connection.QuerySingleOrDefault<PasteRow>(
            $"SELECT {Columns} FROM pastes WHERE seq = @seq AND {Live}", new { seq, now, oldestCreated }, transaction);
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
