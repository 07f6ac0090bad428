using Dapper;
using Microsoft.Data.Sqlite;

namespace PasteLite.Data;

/// <summary>How much of a gist its detail view shows.</summary>
internal readonly record struct DetailLimits(int Files, int Commits, int Forks);

/// <summary>
/// What a gist's detail view shows, read in one snapshot: the gist as of a revision, its first files and how many it
/// has, the revisions up to that one with the users their emails name, its parent, its first forks, and their topics.
/// </summary>
internal sealed record GistDetailRows(
    GistRow Gist, RevisionRow Revision, IReadOnlyList<RevisionFileRow> Files, long FileCount, IReadOnlyList<RevisionRow> Revisions,
    IReadOnlyList<UserRow> Authors, GistRow? Parent, IReadOnlyList<GistRow> Forks, ILookup<long, string> Topics);

/// <summary>Read-side SQL for gists, revisions and files (lists: GistLists.cs): each response is a fixed number of queries.</summary>
internal sealed partial class GistQueries(Database db, TimeProvider clock)
{
    private long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    private const string Live = "(g.expires_at = 0 OR g.expires_at > @now)";

    /// <summary>
    /// Runs a request's reads of one gist (its row, revisions, files, forks) on one database snapshot, so a delete or
    /// edit committing meanwhile shows entirely or not at all (<see cref="Database.Snapshot{T}"/>).
    /// </summary>
    public T Snapshot<T>(Func<T> reads) => db.Snapshot(reads);

    private const string SelectGists = $"SELECT {GistRow.Columns} FROM gists g JOIN users u ON u.id = g.user_id";

    // The lookups of every single-gist request run as prepared commands kept per connection (PreparedCommands),
    // their rows read by position (GistRow.Read): Dapper's mapping boxes every value. Their LIMIT and OFFSET are
    // "@x + 0", never a bare parameter: the bundled SQLite (3.50) plans with a bare LIMIT parameter's value, so every new
    // binding of it makes the next step parse and plan the statement again, which undoes the preparing.
    public GistRow? FindByUuid(string uuid)
    {
        var now = Now;
        return db.Read(c => PreparedCommands.FirstOrDefault(PreparedCommands.Bind(c,
            $"{SelectGists} WHERE g.uuid = @uuid AND {Live}", ("@uuid", uuid), ("@now", now)), GistRow.Read));
    }

    public GistRow? FindById(long id)
    {
        var now = Now;
        return db.Read(c => FindById(c, id, now));
    }

    private static GistRow? FindById(SqliteConnection c, long id, long now) => PreparedCommands.FirstOrDefault(PreparedCommands.Bind(c,
        $"{SelectGists} WHERE g.id = @id AND {Live}", ("@id", id), ("@now", now)), GistRow.Read);

    /// <summary>The topics of those of these gists that have any, each gist's sorted.</summary>
    public ILookup<long, string> Topics(IEnumerable<GistRow> gists) => TopicsOf(gists, ids => db.Read(c => Topics(c, ids)));

    private static ILookup<long, string> TopicsOf(IEnumerable<GistRow?> gists, Func<long[], ILookup<long, string>> read)
    {
        var ids = gists.Where(g => g is { HasTopics: true }).Select(g => g!.Id).Distinct().ToArray();
        return ids.Length == 0 ? NoTopics : read(ids);
    }

    private static readonly ILookup<long, string> NoTopics = Array.Empty<TopicRow>().ToLookup(t => t.GistId, t => t.Topic);

    private static ILookup<long, string> Topics(SqliteConnection c, long[] ids) => c.Query<TopicRow>(
        "SELECT gist_id AS GistId, topic AS Topic FROM gist_topics WHERE gist_id IN @ids ORDER BY topic",
        new { ids }).ToLookup(t => t.GistId, t => t.Topic);

    /// <summary>The gist with its head revision, in one statement: none without a revision (it is being deleted).</summary>
    private const string WithHeadSql = $"""
        SELECT {GistRow.Columns}, {RevisionRow.Columns}
        FROM gists g JOIN users u ON u.id = g.user_id
        JOIN gist_revisions r ON r.id = (SELECT max(id) FROM gist_revisions WHERE gist_id = g.id)
        WHERE g.uuid = @uuid AND {Live}
        """;

    /// <summary>
    /// The live gist with this uuid as of its head revision and all its detail view shows, read in one snapshot; null
    /// when there is none (or no longer all of it) or <paramref name="visible"/> refuses it to the caller.
    /// </summary>
    public GistDetailRows? Detail(string uuid, Func<GistRow, bool> visible, long viewerId, DetailLimits limits)
    {
        var now = Now;
        return db.ReadSnapshot(c =>
        {
            var found = PreparedCommands.FirstOrDefault(PreparedCommands.Bind(c, WithHeadSql, ("@uuid", uuid), ("@now", now)),
                r => (Gist: GistRow.Read(r, 0), Head: RevisionRow.Read(r, GistRow.ColumnCount)));
            return found.Gist is not null && visible(found.Gist) ? DetailOf(c, found.Gist, found.Head, viewerId, limits, now) : null;
        });
    }

    /// <summary>What the detail view of <paramref name="gist"/> as of <paramref name="revision"/> shows, read in one snapshot.</summary>
    public GistDetailRows Detail(GistRow gist, RevisionRow revision, long viewerId, DetailLimits limits)
    {
        var now = Now;
        return db.ReadSnapshot(c => DetailOf(c, gist, revision, viewerId, limits, now));
    }

    private static GistDetailRows DetailOf(SqliteConnection c, GistRow gist, RevisionRow revision, long viewerId, DetailLimits limits, long now)
    {
        var (files, fileCount) = Files(c, revision.Id, limits.Files);
        var revisions = Revisions(c, gist.Id, revision.Id, 0, limits.Commits);
        var authors = UserStore.FindByEmails(c, revisions.Select(r => r.AuthorEmail));
        var parent = gist.ForkedId is { } parentId ? FindById(c, parentId, now) : null;
        // As upstream: forks show when public or the caller's own, with or without gist:read.
        var filter = new GistFilter { ForkOf = gist.Id, VisibleAs = viewerId };
        var forks = Page(c, filter, Condition(filter), 0, limits.Forks, now);
        var topics = TopicsOf([gist, parent, .. forks], ids => Topics(c, ids));
        return new GistDetailRows(gist, revision, files, fileCount, revisions, authors, parent, forks, topics);
    }

    public RevisionRow? HeadRevision(long gistId) => db.Read(c => PreparedCommands.FirstOrDefault(PreparedCommands.Bind(c,
        $"SELECT {RevisionRow.Columns} FROM gist_revisions r WHERE gist_id = @gistId ORDER BY id DESC LIMIT 1", ("@gistId", gistId)),
        RevisionRow.Read));

    /// <summary>A revision by full or abbreviated (4+ hex) version; the newest wins an ambiguous prefix.</summary>
    public RevisionRow? Revision(long gistId, string versionPrefix) => db.Read(c => c.QuerySingleOrDefault<RevisionRow>(
        $"""
        SELECT {RevisionRow.Columns} FROM gist_revisions r
        WHERE gist_id = @gistId AND version >= @prefix AND version < @prefix || 'g' ORDER BY id DESC LIMIT 1
        """, new { gistId, prefix = versionPrefix.ToLowerInvariant() }));

    /// <summary>Revisions newest first, from <paramref name="fromId"/> (inclusive) back.</summary>
    public IReadOnlyList<RevisionRow> Revisions(long gistId, long fromId, int offset, int limit) =>
        db.Read(c => Revisions(c, gistId, fromId, offset, limit));

    private static List<RevisionRow> Revisions(SqliteConnection c, long gistId, long fromId, int offset, int limit) =>
        PreparedCommands.All(PreparedCommands.Bind(c,
            $"""
            SELECT {RevisionRow.Columns} FROM gist_revisions r WHERE gist_id = @gistId AND id <= @fromId
            ORDER BY id DESC LIMIT @limit + 0 OFFSET @offset + 0
            """, ("@gistId", gistId), ("@fromId", fromId), ("@offset", offset), ("@limit", limit)), RevisionRow.Read);

    /// <summary>Up to <paramref name="limit"/> files of a revision with content, by name, and how many it has in all.</summary>
    public (IReadOnlyList<RevisionFileRow> Files, long Count) Files(long revisionId, int limit) => db.Read(c => Files(c, revisionId, limit));

    private static (IReadOnlyList<RevisionFileRow> Files, long Count) Files(SqliteConnection c, long revisionId, int limit)
    {
        var files = PreparedCommands.All(PreparedCommands.Bind(c,
            $"""
            SELECT {RevisionFileRow.Columns} FROM gist_revision_files f JOIN blobs b ON b.hash = f.blob_hash
            WHERE f.revision_id = @revisionId ORDER BY f.filename LIMIT @limit + 0
            """, ("@revisionId", revisionId), ("@limit", limit)), RevisionFileRow.Read);
        // Fewer than the limit came back: that is all of them, no count needed.
        var count = files.Count < limit ? files.Count
            : c.ExecuteScalar<long>("SELECT count(*) FROM gist_revision_files WHERE revision_id = @revisionId", new { revisionId });
        return (files, count);
    }

    public RevisionFileRow? File(long revisionId, string filename) => db.Read(c => c.QuerySingleOrDefault<RevisionFileRow>(
        $"""
        SELECT {RevisionFileRow.Columns} FROM gist_revision_files f JOIN blobs b ON b.hash = f.blob_hash
        WHERE f.revision_id = @revisionId AND f.filename = @filename
        """, new { revisionId, filename }));

    public bool HasLiked(long userId, long gistId) => db.Read(c =>
        c.ExecuteScalar<long>("SELECT count(*) FROM likes WHERE user_id = @userId AND gist_id = @gistId", new { userId, gistId }) > 0);
}
