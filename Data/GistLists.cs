using Dapper;
using Microsoft.Data.Sqlite;

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

/// <summary>Gist lists: pages newest update first, with their totals, both reused for a moment (<see cref="RecentReads{TKey,TValue}"/>).</summary>
internal sealed partial class GistQueries
{
    /// <summary>A filter's total, the first instant (unix ms) a counted gist expires, and when the count was taken.</summary>
    private sealed record Count(long Total, long NextExpiryMs, RecentReads.Stamp ReadAt);

    /// <summary>
    /// Totals (X-Total) by filter. Counting every matching gist costs time in proportion to their number (~2 ms for
    /// 100,000 public gists, more than the page itself), so a count is reused while it holds (see RecentReads; a
    /// count holds until its first counted gist expires, at its expires_at, since Live is expires_at > now).
    /// </summary>
    private readonly RecentReads<string, Count> _totals = new(db, capacity: 10_000);
    private readonly Lock _countGate = new();

    /// <summary>
    /// Pages with their totals, the same way: a page holds as long as its filter's count (an expiry before or on the
    /// page moves it). Weighed by rows, ~5 KB each at most (title and description are bounded), so ≤ ~15 MB in all.
    /// </summary>
    private readonly RecentReads<(string Filter, int Offset, int Limit), (IReadOnlyList<GistRow> Page, long Total)> _pages =
        new(db, capacity: 3_000);

    /// <summary>One page of gists, newest update first, and the total the filter matches.</summary>
    public (IReadOnlyList<GistRow> Page, long Total) List(GistFilter filter, int offset, int limit)
    {
        var condition = Condition(filter);
        var key = $"{condition}|{filter.OwnerId}|{filter.LikedBy}|{filter.ForkOf}|{filter.VisibleAs}|{filter.UpdatedSince}";
        var now = clock.GetUtcNow();
        if (_pages.TryGet((key, offset, limit), now.ToUnixTimeMilliseconds(), out var cached)) return cached;
        var stamp = _pages.Begin();
        return db.Read(c =>
        {
            IReadOnlyList<GistRow> page = Page(c, filter, condition, offset, limit, now.ToUnixTimeSeconds());
            var count = CountOf(c, key, filter, condition, now);
            // Kept as long as the older of the two reads allows.
            _pages.Store((key, offset, limit), (page, count.Total), stamp.Earlier(count.ReadAt), count.NextExpiryMs, weight: page.Count + 1);
            return (page, count.Total);
        });
    }

    private Count CountOf(SqliteConnection c, string key, GistFilter filter, string condition, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        if (_totals.TryGet(key, nowMs, out var total)) return total;
        // One counter at a time: requests arriving together wait for that count instead of each running one.
        lock (_countGate)
        {
            if (_totals.TryGet(key, nowMs, out var counted)) return counted;
            var stamp = _totals.Begin();
            var args = new { filter.OwnerId, filter.LikedBy, filter.ForkOf, filter.VisibleAs, filter.UpdatedSince, now = now.ToUnixTimeSeconds() };
            var fresh = c.ExecuteScalar<long>($"SELECT count(*) FROM gists g WHERE {condition}", args);
            var nextExpiry = c.ExecuteScalar<long?>($"SELECT min(g.expires_at) FROM gists g WHERE {condition} AND g.expires_at > 0", args);
            var count = new Count(fresh, nextExpiry is { } at ? at * 1000 : long.MaxValue, stamp);
            _totals.Store(key, count, stamp, count.NextExpiryMs);
            return count;
        }
    }

    /// <summary>The WHERE clause of a filter: one SQL text per combination of filters, so each is prepared once per connection.</summary>
    private static string Condition(GistFilter filter)
    {
        var where = new List<string>(4) { Live };
        if (!filter.Everything) where.Add(filter.PublicOnly ? "g.visibility = 0" : "(g.visibility = 0 OR g.user_id = @VisibleAs)");
        if (filter.OwnerId is not null) where.Add("g.user_id = @OwnerId");
        if (filter.LikedBy is not null) where.Add("EXISTS (SELECT 1 FROM likes l WHERE l.gist_id = g.id AND l.user_id = @LikedBy)");
        if (filter.ForkOf is not null) where.Add("g.forked_id = @ForkOf");
        if (filter.ForksOnly) where.Add("g.forked_id IS NOT NULL");
        if (filter.UpdatedSince is not null) where.Add("g.updated_at >= @UpdatedSince");
        return string.Join(" AND ", where);
    }

    private static List<GistRow> Page(SqliteConnection c, GistFilter filter, string condition, int offset, int limit, long now) =>
        PreparedCommands.All(PreparedCommands.Bind(c,
            $"{SelectGists} WHERE {condition} ORDER BY g.updated_at DESC, g.id DESC LIMIT @limit + 0 OFFSET @offset + 0",
            ("@OwnerId", filter.OwnerId), ("@LikedBy", filter.LikedBy), ("@ForkOf", filter.ForkOf), ("@VisibleAs", filter.VisibleAs),
            ("@UpdatedSince", filter.UpdatedSince), ("@now", now), ("@offset", offset), ("@limit", limit)), GistRow.Read);
}
