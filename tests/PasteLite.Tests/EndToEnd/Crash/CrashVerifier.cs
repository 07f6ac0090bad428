using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

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
        using var raw = await http.GetAsync($"/{id}/raw");
        PasteState? actual = null;
        if (raw.StatusCode == HttpStatusCode.OK)
        {
            var rev = allowed.Any(a => a?.Rev is not null) ? await RevAsync(id) : null;
            actual = new PasteState(await raw.Content.ReadAsByteArrayAsync(), rev);
        }
        else if (raw.StatusCode != HttpStatusCode.NotFound) _corrupt.Enqueue($"paste {id}: raw answered {(int)raw.StatusCode}");
        Judge($"paste {id}", allowed, actual, (expected, got) => expected.Matches(got));
    }

    /// <summary>The paste's metadata "rev" as pasty's API reads it.</summary>
    private async Task<int?> RevAsync(string id)
    {
        var paste = JsonElement.Parse(await http.GetStringAsync($"/api/v2/pastes/{id}"));
        return paste.GetProperty("metadata").TryGetProperty("rev", out var rev) ? rev.GetInt32() : null;
    }

    private async Task GistAsync(string id, string owner, Tracked<GistState> tracked)
    {
        using var response = await SendAsync($"/api/gists/{id}", owner);
        GistState? actual = null;
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var gist = JsonElement.Parse(await response.Content.ReadAsStringAsync());
            actual = new GistState(gist.GetProperty("description").GetString()!,
                gist.GetProperty("files").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetProperty("content").GetString()!));
        }
        else if (response.StatusCode != HttpStatusCode.NotFound) _corrupt.Enqueue($"gist {id}: answered {(int)response.StatusCode}");
        Judge($"gist {id}", tracked.Allowed, actual, (expected, got) => expected.Matches(got));
    }

    private async Task ForkAsync(ForkRecord fork)
    {
        using var response = await SendAsync($"/api/gists/{fork.Fork}", fork.Owner);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            _missing.Enqueue($"fork {fork.Fork} of {fork.Parent} by {fork.Owner}: {(int)response.StatusCode}");
            return;
        }
        var gist = JsonElement.Parse(await response.Content.ReadAsStringAsync());
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
            using var check = await SendAsync($"/api/gists/{gist}/star", user.Name);
            if (check.StatusCode == HttpStatusCode.NoContent) likers.Add(user.Name);
        }
        foreach (var user in acknowledged.Select(l => l.User).Distinct().Except(likers))
            _missing.Enqueue($"like of gist {gist} by {user}");
        using var response = await SendAsync($"/api/gists/{gist}", users[0].Name);
        var count = JsonElement.Parse(await response.Content.ReadAsStringAsync()).GetProperty("like_count").GetInt64();
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

    private async Task<HttpResponseMessage> SendAsync(string path, string userName)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", users.Single(u => u.Name == userName).Token);
        return await http.SendAsync(request);
    }
}
