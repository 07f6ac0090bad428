using Dapper;

namespace PasteLite.Data;

/// <summary>Counts and sizes for the admin panel.</summary>
internal sealed record InstanceStats(long Users, long Gists, long Pastes, long Tokens, long DatabaseBytes)
{
    private sealed class Counts
    {
        public long Users { get; set; }
        public long Gists { get; set; }
        public long Pastes { get; set; }
        public long Tokens { get; set; }
    }

    public static InstanceStats Read(Database db)
    {
        var counts = db.Read(c => c.QuerySingle<Counts>(
            """
            SELECT (SELECT count(*) FROM users) AS Users, (SELECT count(*) FROM gists) AS Gists,
                   (SELECT count(*) FROM pastes) AS Pastes, (SELECT count(*) FROM access_tokens) AS Tokens
            """));
        var bytes = new[] { "", "-wal" }.Select(suffix => new FileInfo(db.Path + suffix)).Where(f => f.Exists).Sum(f => f.Length);
        return new InstanceStats(counts.Users, counts.Gists, counts.Pastes, counts.Tokens, bytes);
    }
}
