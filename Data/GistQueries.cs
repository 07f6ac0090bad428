using System.Collections.Concurrent;
using Dapper;

namespace PasteLite.Data;

/// <summary>Which gists a list shows; each filter narrows, visibility is always applied.</summary>
internal sealed record GistFilter
{
    public long? OwnerId { get; init; }
    public long? LikedBy { get; init; }
    public long? ForkOf { get; init; }
    public bool ForksOnly { get; init; }
    public bool PublicOnly { get; init; }
    /// <summary>Besides public gists, also show this user's own (0 = nobody's).</summary>
    public long VisibleAs { get; init; }
    public long? UpdatedSince { get; init; }
    /// <summary>Every gist whatever its visibility: the admin panel's view.</summary>
    public bool Everything { get; init; }
}

/// <summary>Read-side SQL for gists, revisions and files: each list page is a fixed number of queries.</summary>
internal sealed class GistQueries(Database db, TimeProvider clock)
{
    private long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>A list's total as counted, and until when it holds.</summary>
    private sealed record CachedTotal(long Generation, long Total, long ValidBefore);

    /// <summary>
    /// Totals (X-Total) by filter. Counting every matching gist costs time in proportion to their number (~2 ms for
    /// 100,000 public gists, more than the page itself), so a count is reused while no write has committed in this
    /// process, no counted gist has reached its expiry, and for at most the current second (which bounds how long
    /// a change by another process, the CLI, can go unseen).
    /// </summary>
    private readonly ConcurrentDictionary<string, CachedTotal> _totals = new();
    private const int MaxCachedTotals = 10_000;
    private readonly Lock _countGate = new();

    private long? CachedTotalOf(string key, long generation, long now) =>
        _totals.TryGetValue(key, out var cached) && cached.Generation == generation && now < cached.ValidBefore ? cached.Total : null;

    private const string Live = "(g.expires_at = 0 OR g.expires_at > @now)";

    /// <summary>
    /// Runs a request's reads of one gist (its row, revisions, files, forks) on one database snapshot, so a delete or
    /// edit committing meanwhile shows entirely or not at all (<see cref="Database.Snapshot{T}"/>).
    /// </summary>
    public T Snapshot<T>(Func<T> reads) => db.Snapshot(reads);

    // The lookups of every single-gist request run as prepared commands kept per connection (PreparedCommands).
    public GistRow? FindByUuid(string uuid)
    {
        var now = Now;
        return db.Read(c => PreparedCommands.FirstOrDefault<GistRow>(PreparedCommands.Bind(c,
            $"SELECT {GistRow.Columns} FROM gists g JOIN users u ON u.id = g.user_id WHERE g.uuid = @uuid AND {Live}",
            ("@uuid", uuid), ("@now", now))));
    }

    public GistRow? FindById(long id)
    {
        var now = Now;
        return db.Read(c => PreparedCommands.FirstOrDefault<GistRow>(PreparedCommands.Bind(c,
            $"SELECT {GistRow.Columns} FROM gists g JOIN users u ON u.id = g.user_id WHERE g.id = @id AND {Live}",
            ("@id", id), ("@now", now))));
    }

    /// <summary>One page of gists, newest update first, and the total the filter matches.</summary>
    public (IReadOnlyList<GistRow> Page, long Total) List(GistFilter filter, int offset, int limit) => List(filter, offset, limit, withTotal: true);

    /// <summary>One page of gists as <see cref="List(GistFilter, int, int)"/>, without counting the total (Total is -1).</summary>
    public IReadOnlyList<GistRow> Page(GistFilter filter, int offset, int limit) => List(filter, offset, limit, withTotal: false).Page;

    private (IReadOnlyList<GistRow> Page, long Total) List(GistFilter filter, int offset, int limit, bool withTotal)
    {
        var where = new List<string> { Live };
        if (!filter.Everything) where.Add(filter.PublicOnly ? "g.visibility = 0" : "(g.visibility = 0 OR g.user_id = @VisibleAs)");
        if (filter.OwnerId is not null) where.Add("g.user_id = @OwnerId");
        if (filter.LikedBy is not null) where.Add("EXISTS (SELECT 1 FROM likes l WHERE l.gist_id = g.id AND l.user_id = @LikedBy)");
        if (filter.ForkOf is not null) where.Add("g.forked_id = @ForkOf");
        if (filter.ForksOnly) where.Add("g.forked_id IS NOT NULL");
        if (filter.UpdatedSince is not null) where.Add("g.updated_at >= @UpdatedSince");
        var condition = string.Join(" AND ", where);
        var args = new
        {
            filter.OwnerId, filter.LikedBy, filter.ForkOf, filter.VisibleAs, filter.UpdatedSince,
            now = Now, offset, limit,
        };
        var key = $"{condition}|{filter.OwnerId}|{filter.LikedBy}|{filter.ForkOf}|{filter.VisibleAs}|{filter.UpdatedSince}";
        var generation = db.WriteGeneration; // read before counting: a write that commits meanwhile invalidates the count
        return db.Read(c =>
        {
            var page = c.Query<GistRow>(
                $"""
                SELECT {GistRow.Columns} FROM gists g JOIN users u ON u.id = g.user_id
                WHERE {condition} ORDER BY g.updated_at DESC, g.id DESC LIMIT @limit OFFSET @offset
                """, args).AsList();
            if (!withTotal) return ((IReadOnlyList<GistRow>)page, -1L);
            if (CachedTotalOf(key, generation, args.now) is { } total) return ((IReadOnlyList<GistRow>)page, total);
            // One counter at a time: requests arriving together wait for that count instead of each running one.
            lock (_countGate)
            {
                if (CachedTotalOf(key, generation, args.now) is { } counted) return ((IReadOnlyList<GistRow>)page, counted);
                var fresh = c.ExecuteScalar<long>($"SELECT count(*) FROM gists g WHERE {condition}", args);
                // The count changes when the first counted gist expires: at its expires_at (Live is expires_at > now).
                var nextExpiry = c.ExecuteScalar<long?>($"SELECT min(g.expires_at) FROM gists g WHERE {condition} AND g.expires_at > 0", args);
                if (_totals.Count >= MaxCachedTotals) _totals.Clear();
                _totals[key] = new CachedTotal(generation, fresh, Math.Min(args.now + 1, nextExpiry ?? long.MaxValue));
                return ((IReadOnlyList<GistRow>)page, fresh);
            }
        });
    }

    public ILookup<long, string> Topics(IEnumerable<long> gistIds) => db.Read(c => c.Query<TopicRow>(
        "SELECT gist_id AS GistId, topic AS Topic FROM gist_topics WHERE gist_id IN @ids ORDER BY topic",
        new { ids = gistIds.Distinct().ToArray() }).ToLookup(t => t.GistId, t => t.Topic));

    public RevisionRow? HeadRevision(long gistId) => db.Read(c => PreparedCommands.FirstOrDefault<RevisionRow>(PreparedCommands.Bind(c,
        $"SELECT {RevisionRow.Columns} FROM gist_revisions WHERE gist_id = @gistId ORDER BY id DESC LIMIT 1", ("@gistId", gistId))));

    /// <summary>A revision by full or abbreviated (4+ hex) version; the newest wins an ambiguous prefix.</summary>
    public RevisionRow? Revision(long gistId, string versionPrefix) => db.Read(c => c.QuerySingleOrDefault<RevisionRow>(
        $"""
        SELECT {RevisionRow.Columns} FROM gist_revisions
        WHERE gist_id = @gistId AND version >= @prefix AND version < @prefix || 'g' ORDER BY id DESC LIMIT 1
        """, new { gistId, prefix = versionPrefix.ToLowerInvariant() }));

    /// <summary>Revisions newest first, from <paramref name="fromId"/> (inclusive) back.</summary>
    public IReadOnlyList<RevisionRow> Revisions(long gistId, long fromId, int offset, int limit) => db.Read(c => PreparedCommands.All<RevisionRow>(PreparedCommands.Bind(c,
        $"""
        SELECT {RevisionRow.Columns} FROM gist_revisions WHERE gist_id = @gistId AND id <= @fromId
        ORDER BY id DESC LIMIT @limit OFFSET @offset
        """, ("@gistId", gistId), ("@fromId", fromId), ("@offset", offset), ("@limit", limit))));

    /// <summary>Up to <paramref name="limit"/> files of a revision with content, by name, and how many it has in all.</summary>
    public (IReadOnlyList<RevisionFileRow> Files, long Count) Files(long revisionId, int limit) => db.Read(c =>
    {
        var files = PreparedCommands.All<RevisionFileRow>(PreparedCommands.Bind(c,
            """
            SELECT f.filename AS Filename, f.blob_hash AS BlobHash, b.size AS Size, b.content AS Content
            FROM gist_revision_files f JOIN blobs b ON b.hash = f.blob_hash
            WHERE f.revision_id = @revisionId ORDER BY f.filename LIMIT @limit
            """, ("@revisionId", revisionId), ("@limit", limit)));
        // Fewer than the limit came back: that is all of them, no count needed.
        var count = files.Count < limit ? files.Count
            : c.ExecuteScalar<long>("SELECT count(*) FROM gist_revision_files WHERE revision_id = @revisionId", new { revisionId });
        return ((IReadOnlyList<RevisionFileRow>)files, count);
    });

    public RevisionFileRow? File(long revisionId, string filename) => db.Read(c => c.QuerySingleOrDefault<RevisionFileRow>(
        """
        SELECT f.filename AS Filename, f.blob_hash AS BlobHash, b.size AS Size, b.content AS Content
        FROM gist_revision_files f JOIN blobs b ON b.hash = f.blob_hash
        WHERE f.revision_id = @revisionId AND f.filename = @filename
        """, new { revisionId, filename }));

    public bool HasLiked(long userId, long gistId) => db.Read(c =>
        c.ExecuteScalar<long>("SELECT count(*) FROM likes WHERE user_id = @userId AND gist_id = @gistId", new { userId, gistId }) > 0);
}
