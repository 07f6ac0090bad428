using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using PasteLite.Gists;

namespace PasteLite.Data;

/// <summary>What an edit changes: null leaves a field as it is; Files, when set, is the whole new file set.</summary>
internal sealed record GistEdit(string? Title, string? Description, Visibility? Visibility, IReadOnlyList<NewFile>? Files);

internal enum EditOutcome { Done, Refused, Gone }

/// <summary>Write-side SQL for gists: every change is one transaction through <see cref="Database.Write{T}"/>.</summary>
internal sealed class GistWriter(Database db, TimeProvider clock)
{
    private long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Creates a gist with its first revision; returns its uuid.</summary>
    public string Create(Author author, string title, string description, Visibility visibility, long expiresAt, IReadOnlyList<NewFile> files) =>
        db.Write((c, t) =>
        {
            var uuid = Guid.NewGuid().ToString("N");
            var now = Now;
            var id = c.ExecuteScalar<long>(
                """
                INSERT INTO gists (uuid, user_id, title, description, visibility, nb_files, created_at, updated_at, expires_at)
                VALUES (@uuid, @owner, @title, @description, @visibility, @files, @now, @now, @expiresAt) RETURNING id
                """,
                new { uuid, owner = author.UserId, title, description, visibility = (long)visibility, files = files.Count, now, expiresAt }, t);
            AddRevision(c, t, id, uuid, author, files, now);
            return uuid;
        });

    /// <summary>Changes metadata and, when <paramref name="files"/> is given, commits it as the whole new file set.</summary>
    public EditOutcome Update(GistRow gist, Author author, string? title, string? description, Visibility? visibility, IReadOnlyList<NewFile>? files) =>
        Edit(gist, author, _ => (new GistEdit(title, description, visibility, files), null)).Outcome;

    /// <summary>
    /// Edits a gist from its current head: <paramref name="edit"/> gets the head's files (read when it asks) inside the
    /// write transaction and returns the change, or a problem to refuse it with. Two edits at once thus build on each
    /// other; merged against a head read before the gate, the later one would drop the files the earlier one changed.
    /// <paramref name="edit"/> must only compute (it runs under the write gate).
    /// </summary>
    public (EditOutcome Outcome, string? Problem) Edit(GistRow gist, Author author,
        Func<Func<IReadOnlyList<RevisionFileRow>>, (GistEdit? Change, string? Problem)> edit) =>
        db.Write<(EditOutcome, string?)>((c, t) =>
        {
            // Every gist has a revision; none means it was deleted since the caller looked it up.
            if (c.ExecuteScalar<long?>("SELECT max(id) FROM gist_revisions WHERE gist_id = @id", new { id = gist.Id }, t) is not { } head)
                return (EditOutcome.Gone, null);
            var (change, problem) = edit(() => c.Query<RevisionFileRow>(
                """
                SELECT f.filename AS Filename, f.blob_hash AS BlobHash, b.size AS Size, b.content AS Content
                FROM gist_revision_files f JOIN blobs b ON b.hash = f.blob_hash WHERE f.revision_id = @head ORDER BY f.filename
                """, new { head }, t).AsList());
            if (change is null) return (EditOutcome.Refused, problem);
            var now = Now;
            c.Execute(
                """
                UPDATE gists SET title = coalesce(@title, title), description = coalesce(@description, description),
                    visibility = coalesce(@visibility, visibility), nb_files = coalesce(@files, nb_files), updated_at = @now
                WHERE id = @id
                """,
                new { id = gist.Id, title = change.Title, description = change.Description, visibility = (long?)change.Visibility,
                    files = change.Files?.Count, now }, t);
            if (change.Files is { } files) AddRevision(c, t, gist.Id, gist.Uuid, author, files, now);
            return (EditOutcome.Done, null);
        });

    /// <summary>
    /// Deletes a gist (revisions, likes and topics cascade), fixes its parent's fork count, drops unshared blobs. False
    /// when it was already gone: two deletes at once must not both lower the parent's count.
    /// </summary>
    public bool Delete(GistRow gist) => db.Write((c, t) =>
    {
        var blobs = c.Query<string>(
            """
            SELECT DISTINCT f.blob_hash FROM gist_revision_files f JOIN gist_revisions r ON r.id = f.revision_id
            WHERE r.gist_id = @id
            """, new { id = gist.Id }, t).AsList();
        // The row's own forked_id, as it is now (the caller's copy may be older).
        var deleted = c.Query<long?>("DELETE FROM gists WHERE id = @id RETURNING forked_id", new { id = gist.Id }, t).AsList();
        if (deleted.Count == 0) return false;
        if (deleted[0] is { } parent)
            c.Execute("UPDATE gists SET nb_forks = max(nb_forks - 1, 0) WHERE id = @parent", new { parent }, t);
        c.Execute(
            "DELETE FROM blobs WHERE hash IN @blobs AND NOT EXISTS (SELECT 1 FROM gist_revision_files f WHERE f.blob_hash = blobs.hash)",
            new { blobs }, t);
        return true;
    });

    /// <summary>
    /// A user's fork of a gist: the one they made before, else a new gist sharing the parent's history and content
    /// blobs. Looked up and made in one transaction, so two fork requests at once make one fork. Null when the parent
    /// is gone (deleted since the caller looked it up).
    /// </summary>
    public (string Uuid, bool Created)? Fork(GistRow parent, long ownerId) => db.Write<(string, bool)?>((c, t) =>
    {
        var now = Now;
        var existing = c.QueryFirstOrDefault<string>(
            "SELECT uuid FROM gists WHERE forked_id = @parent AND user_id = @ownerId AND (expires_at = 0 OR expires_at > @now) ORDER BY id LIMIT 1",
            new { parent = parent.Id, ownerId, now }, t);
        if (existing is not null) return (existing, false);
        var uuid = Guid.NewGuid().ToString("N");
        var inserted = c.ExecuteScalar<long?>(
            """
            INSERT INTO gists (uuid, user_id, title, description, visibility, forked_id, nb_files, created_at, updated_at)
            SELECT @uuid, @ownerId, title, description, visibility, id, nb_files, @now, @now FROM gists WHERE id = @parent
            RETURNING id
            """, new { uuid, ownerId, now, parent = parent.Id }, t);
        if (inserted is not { } id) return null;
        c.Execute("INSERT INTO gist_topics (gist_id, topic) SELECT @id, topic FROM gist_topics WHERE gist_id = @parent",
            new { id, parent = parent.Id }, t);
        // Revision rows are copied (they are small); the files point at the very same blobs.
        foreach (var revisionId in c.Query<long>("SELECT id FROM gist_revisions WHERE gist_id = @parent ORDER BY id", new { parent = parent.Id }, t).AsList())
        {
            var copy = c.ExecuteScalar<long>(
                """
                INSERT INTO gist_revisions (gist_id, version, parent_version, author_name, author_email, created_at, additions, deletions, files_changed)
                SELECT @id, version, parent_version, author_name, author_email, created_at, additions, deletions, files_changed
                FROM gist_revisions WHERE id = @revisionId RETURNING id
                """, new { id, revisionId }, t);
            c.Execute(
                "INSERT INTO gist_revision_files (revision_id, filename, blob_hash) SELECT @copy, filename, blob_hash FROM gist_revision_files WHERE revision_id = @revisionId",
                new { copy, revisionId }, t);
        }
        c.Execute("UPDATE gists SET nb_forks = nb_forks + 1 WHERE id = @parent", new { parent = parent.Id }, t);
        return (uuid, true);
    });

    /// <summary>
    /// Sets whether a user likes a gist, keeping nb_likes in step. False when the gist is gone: it may have been deleted
    /// since the caller looked it up, and a like of it would break the foreign key.
    /// </summary>
    public bool SetLike(long userId, long gistId, bool liked) => db.Write((c, t) =>
    {
        if (!Exists(c, t, gistId)) return false;
        var changed = liked
            ? c.Execute("INSERT INTO likes (user_id, gist_id, created_at) VALUES (@userId, @gistId, @now) ON CONFLICT DO NOTHING",
                new { userId, gistId, now = Now }, t)
            : c.Execute("DELETE FROM likes WHERE user_id = @userId AND gist_id = @gistId", new { userId, gistId }, t);
        if (changed > 0) CountLikes(c, t, gistId);
        return true;
    });

    /// <summary>Flips a like (Opengist's PUT /like) in one transaction, so two clicks cannot race; false when the gist is gone.</summary>
    public bool ToggleLike(long userId, long gistId) => db.Write((c, t) =>
    {
        if (!Exists(c, t, gistId)) return false;
        var removed = c.Execute("DELETE FROM likes WHERE user_id = @userId AND gist_id = @gistId", new { userId, gistId }, t);
        if (removed == 0)
            c.Execute("INSERT INTO likes (user_id, gist_id, created_at) VALUES (@userId, @gistId, @now)", new { userId, gistId, now = Now }, t);
        CountLikes(c, t, gistId);
        return true;
    });

    private static void CountLikes(SqliteConnection c, SqliteTransaction t, long gistId) =>
        c.Execute("UPDATE gists SET nb_likes = (SELECT count(*) FROM likes WHERE gist_id = @gistId) WHERE id = @gistId", new { gistId }, t);

    private static bool Exists(SqliteConnection c, SqliteTransaction t, long gistId) =>
        c.ExecuteScalar<long>("SELECT count(*) FROM gists WHERE id = @gistId", new { gistId }, t) > 0;

    private sealed class StoredFile
    {
        public string Filename { get; set; } = "";
        public byte[] Content { get; set; } = [];
    }

    /// <summary>Stores the blobs, the revision and its file list, with line statistics against the previous revision.</summary>
    private static void AddRevision(SqliteConnection c, SqliteTransaction t, long gistId, string uuid, Author author, IReadOnlyList<NewFile> files, long now)
    {
        var parent = c.QuerySingleOrDefault<long?>("SELECT id FROM gist_revisions WHERE gist_id = @gistId ORDER BY id DESC LIMIT 1", new { gistId }, t);
        var parentVersion = parent is null ? null : c.ExecuteScalar<string>("SELECT version FROM gist_revisions WHERE id = @parent", new { parent }, t);
        var previous = parent is null ? new Dictionary<string, byte[]>()
            : c.Query<StoredFile>(
                "SELECT f.filename AS Filename, b.content AS Content FROM gist_revision_files f JOIN blobs b ON b.hash = f.blob_hash WHERE f.revision_id = @parent",
                new { parent }, t).ToDictionary(f => f.Filename, f => f.Content);

        var hashes = files.Select(f => Convert.ToHexStringLower(SHA256.HashData(f.Content))).ToArray();
        int additions = 0, deletions = 0, changed = 0;
        var current = files.ToDictionary(f => f.Name, f => f.Content);
        foreach (var name in current.Keys.Union(previous.Keys))
        {
            var before = previous.GetValueOrDefault(name);
            var after = current.GetValueOrDefault(name);
            if (before is not null && after is not null && before.AsSpan().SequenceEqual(after)) continue;
            changed++;
            var (add, del) = LineDiff.Count(before is null ? null : Encoding.UTF8.GetString(before), after is null ? null : Encoding.UTF8.GetString(after));
            additions += add;
            deletions += del;
        }

        var version = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(
            $"{uuid}\n{parentVersion}\n{now}\n{string.Join('\n', files.Select((f, i) => f.Name + ":" + hashes[i]))}\n{Guid.NewGuid():N}")));
        var revisionId = c.ExecuteScalar<long>(
            """
            INSERT INTO gist_revisions (gist_id, version, parent_version, author_name, author_email, created_at, additions, deletions, files_changed)
            VALUES (@gistId, @version, @parentVersion, @name, @email, @now, @additions, @deletions, @changed) RETURNING id
            """,
            new { gistId, version, parentVersion, name = author.Name, email = author.Email, now, additions, deletions, changed }, t);
        for (var i = 0; i < files.Count; i++)
        {
            c.Execute("INSERT INTO blobs (hash, size, content) VALUES (@hash, @size, @content) ON CONFLICT (hash) DO NOTHING",
                new { hash = hashes[i], size = files[i].Content.Length, content = files[i].Content }, t);
            c.Execute("INSERT INTO gist_revision_files (revision_id, filename, blob_hash) VALUES (@revisionId, @name, @hash)",
                new { revisionId, name = files[i].Name, hash = hashes[i] }, t);
        }
    }
}
