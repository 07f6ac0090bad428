using System.Collections.Concurrent;
using System.Text.Json;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd.Crash;

/// <summary>What the verifier found wrong: an acknowledged object gone, or there with other content (or back after a delete).</summary>
internal sealed record CrashProblems(IReadOnlyList<string> Missing, IReadOnlyList<string> Corrupt)
{
    public int Count => Missing.Count + Corrupt.Count;

    public override string ToString() => string.Join('\n', Missing.Take(10).Concat(Corrupt.Take(10)));
}

/// <summary>
/// Reads back, over HTTP from the restarted server, everything a ledger says was acknowledged: paste bytes and
/// metadata, gist descriptions and files, forks and their parents, likes and like counts.
/// </summary>
internal sealed class CrashVerifier(HttpClient http, IReadOnlyList<CrashUser> users)
{
    private readonly ConcurrentQueue<string> _missing = new();
    private readonly ConcurrentQueue<string> _corrupt = new();
    private readonly StateReader _read = new(http);

    public async Task<CrashProblems> VerifyAsync(IEnumerable<CrashLedger> ledgers)
    {
        var all = ledgers.ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 4 };
        await Parallel.ForEachAsync(all.SelectMany(l => l.Pastes), parallel, async (paste, _) => await PasteAsync(paste.Key, paste.Value));
        await Parallel.ForEachAsync(all.SelectMany(l => l.Gists), parallel, async (gist, _) => await GistAsync(gist.Key, gist.Value.Owner, gist.Value.State));
        await Parallel.ForEachAsync(all.SelectMany(l => l.Forks), parallel, async (fork, _) => await ForkAsync(fork));
        await Parallel.ForEachAsync(all.SelectMany(l => l.Likes).GroupBy(l => l.Gist), parallel, async (likes, _) => await LikesAsync(likes.Key, likes));
        return new CrashProblems([.. _missing], [.. _corrupt]);
    }

    private async Task PasteAsync(string id, Tracked<PasteState> tracked)
    {
        var allowed = tracked.Allowed;
        var actual = await _read.PasteAsync(id, withRev: allowed.Any(a => a?.Rev is not null));
        Judge($"paste {id}", allowed, actual, (expected, got) => expected.Matches(got));
    }

    private async Task GistAsync(string id, string owner, Tracked<GistState> tracked) =>
        Judge($"gist {id}", tracked.Allowed, await _read.GistAsync(id, Token(owner)), (expected, got) => expected.Matches(got));

    private async Task ForkAsync(ForkRecord fork)
    {
        if (await _read.JsonAsync($"/api/gists/{fork.Fork}", Token(fork.Owner)) is not { } gist)
        {
            _missing.Enqueue($"fork {fork.Fork} of {fork.Parent} by {fork.Owner}: gone");
            return;
        }
        var parent = gist.GetProperty("fork_of") is { ValueKind: JsonValueKind.Object } of ? of.GetProperty("id").GetString() : null;
        var owner = gist.GetProperty("owner").GetProperty("login").GetString();
        if (parent != fork.Parent || owner != fork.Owner)
            _corrupt.Enqueue($"fork {fork.Fork}: fork_of {parent} owner {owner}, expected {fork.Parent} {fork.Owner}");
    }

    /// <summary>Each acknowledged liker still likes the gist, and its like count is the number of users who do.</summary>
    private async Task LikesAsync(string gist, IEnumerable<LikeRecord> acknowledged)
    {
        var likers = new List<string>();
        foreach (var user in users)
        {
            using var check = await _read.GetAsync($"/api/gists/{gist}/star", user.Token);
            if (check is not null) likers.Add(user.Name);
        }
        foreach (var user in acknowledged.Select(l => l.User).Distinct().Except(likers))
            _missing.Enqueue($"like of gist {gist} by {user}");
        var count = (await _read.JsonAsync($"/api/gists/{gist}", null))?.GetProperty("like_count").GetInt64();
        if (count != likers.Count) _corrupt.Enqueue($"gist {gist}: like_count {count}, liked by {string.Join(',', likers)}");
    }

    /// <summary>Null means gone (404). It must be one of the allowed states; a null allowed state means deleted.</summary>
    private void Judge<T>(string what, IReadOnlyList<T?> allowed, T? actual, Func<T, T, bool> matches) where T : class
    {
        if (allowed.Any(a => a is null ? actual is null : actual is not null && matches(a, actual))) return;
        if (actual is null) _missing.Enqueue($"{what}: gone");
        else _corrupt.Enqueue($"{what}: {Describe(actual)}, expected one of {string.Join(" | ", allowed.Select(a => a is null ? "deleted" : Describe(a)))}");
    }

    private static string Describe(object state) => state switch
    {
        PasteState p => $"{p.Content.Length} bytes {Convert.ToHexString(p.Content.AsSpan(0, Math.Min(p.Content.Length, 24)))} rev {p.Rev}",
        GistState g => $"'{g.Description}' [{string.Join(", ", g.Files.Select(f => $"{f.Key}:{f.Value.Length}"))}]",
        _ => state.ToString()!,
    };

    private string Token(string user) => users.Single(u => u.Name == user).Token;
}
