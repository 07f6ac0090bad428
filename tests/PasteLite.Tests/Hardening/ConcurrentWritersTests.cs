using PasteLite.Tests.GistApi;
using PasteLite.Tests.Support;
using Xunit.Abstractions;

namespace PasteLite.Tests.Hardening;

/// <summary>
/// 32 clients at once on one in-process server and a real SQLite file: pastes created, updated and deleted through
/// pasty's API, the terminal, hastebin and the web form; gists created, edited, forked, liked and deleted through the
/// Gist API and the web forms, many of them on the same objects. No answer may be a 5xx (a lock surfacing as a 500),
/// no acknowledged write may be lost, and the counters must agree with the rows. CONCURRENT_STEPS and CONCURRENT_SEED
/// choose a longer or repeated run.
/// </summary>
public sealed class ConcurrentWritersTests(ITestOutputHelper output)
{
    private const int Clients = 32;

    [Fact]
    public async Task Many_writers_on_every_surface_get_no_5xx_and_leave_a_consistent_database()
    {
        var steps = EnvInt("CONCURRENT_STEPS", 30);
        var seed = EnvInt("CONCURRENT_SEED", Random.Shared.Next(1_000_000));
        output.WriteLine($"{Clients} clients x {steps} steps, seed {seed}");
        await using var fixture = await ApiFixture.StartAsync("pasty.rate-limit", "off");
        var log = new StatusLog();
        var api = new ApiWrites(fixture.Client, log);
        var pages = new List<PageClient>();
        try
        {
            var (clients, targets) = await SetUpAsync(fixture, api, log, pages, steps, new Random(seed));
            await Task.WhenAll(clients.Select(c => Task.Run(() => c.RunAsync(steps))));
            output.WriteLine($"{log.Total} requests:\n{log.Summary()}");

            Assert.True(log.ServerErrors.Count == 0, $"seed {seed}: {log.ServerErrors.Count} answers were 5xx:\n{string.Join('\n', log.ServerErrors.Take(10))}");
            var problems = new List<string>();
            await CheckWritesAsync(new StateReader(fixture.Client), clients, targets, problems);
            CheckRows(fixture, clients, targets, problems);
            Assert.True(problems.Count == 0, $"seed {seed}: {problems.Count} problems:\n{string.Join('\n', problems.Take(20))}");
        }
        finally
        {
            foreach (var page in pages) page.Dispose();
        }
    }

    /// <summary>
    /// Four API users (two like by toggling, two by starring) and four web users (each signed in once, its session shared
    /// by two clients like two tabs); the shared paste and gists; then the 32 clients, one in four on the web forms.
    /// </summary>
    private static async Task<(List<ConcurrentClient>, ConcurrentTargets)> SetUpAsync(ApiFixture fixture, ApiWrites api, StatusLog log,
        List<PageClient> pages, int steps, Random random)
    {
        var apiUsers = new[] { "alice", "bob", "carol", "dave" }.Select((name, i) => new ConcurrentUser(name, fixture.Account(name).Full, Toggles: i < 2)).ToList();
        var webUsers = new List<ConcurrentUser>();
        var forms = new Dictionary<string, WebWrites>();
        foreach (var name in new[] { "erin", "frank", "grace", "heidi" })
        {
            var page = new PageClient(fixture.Server);
            pages.Add(page);
            await page.RegisterAsync(name);
            webUsers.Add(new ConcurrentUser(name, null));
            forms[name] = new WebWrites(page, log);
        }

        var start = new Dictionary<string, string> { ["base.txt"] = "shared\n" };
        var targets = new ConcurrentTargets
        {
            HotPaste = (await api.PastyCreateAsync("shared", rev: 0))!,
            HotGistOf = new Dictionary<string, string>
            {
                ["alice"] = (await api.GistCreateAsync(apiUsers[0].Token!, "hot", start))!,
                ["bob"] = (await api.GistCreateAsync(apiUsers[1].Token!, "hot", start))!,
                ["erin"] = (await forms["erin"].GistCreateAsync("hot", start))!,
            },
            DoomedOf = new Dictionary<string, string>
            {
                ["carol"] = (await api.GistCreateAsync(apiUsers[2].Token!, "doomed", start))!,
                ["frank"] = (await forms["frank"].GistCreateAsync("doomed", start))!,
            },
        };

        var clients = new List<ConcurrentClient>();
        var seen = new HashSet<string>();
        for (var i = 0; i < Clients; i++)
        {
            var user = i % 4 == 3 ? webUsers[i / 4 % webUsers.Count] : apiUsers[(i - i / 4) % apiUsers.Count];
            var first = seen.Add(user.Name);
            clients.Add(new ConcurrentClient(i, new Random(random.Next()), user, api, user.IsWeb ? forms[user.Name] : null, targets,
                deletesDoomed: first && targets.DoomedOf.ContainsKey(user.Name)));
        }
        return (clients, targets);
    }

    /// <summary>Every acknowledged write reads back over HTTP as it was last acknowledged.</summary>
    private static async Task CheckWritesAsync(StateReader read, List<ConcurrentClient> clients, ConcurrentTargets targets, List<string> problems)
    {
        foreach (var client in clients)
        {
            foreach (var (id, expected) in client.Pastes)
            {
                var actual = await read.PasteAsync(id, withRev: expected?.Rev is not null);
                if (expected is null ? actual is not null : actual is null || !expected.Matches(actual))
                    problems.Add($"paste {id}: {(actual is null ? "gone" : $"{actual.Content.Length} bytes, rev {actual.Rev}")}, expected {(expected is null ? "deleted" : "its last update")}");
            }
            foreach (var (id, expected) in client.Gists)
            {
                var actual = await read.GistAsync(id);
                if (expected is null ? actual is not null : actual is null || !expected.Matches(actual))
                    problems.Add($"gist {id}: {(actual is null ? "gone" : $"'{actual.Description}' {string.Join(',', actual.Files.Keys)}")}, expected {(expected is null ? "deleted" : $"'{expected.Description}' {string.Join(',', expected.Files.Keys)}")}");
            }
        }

        var metadata = (await read.PasteMetadataAsync(targets.HotPaste.Id))!.Value;
        foreach (var client in clients.Where(c => c.HotPasteValue is not null))
            if (!metadata.TryGetProperty(client.HotPasteKey, out var value) || value.GetInt32() != client.HotPasteValue)
                problems.Add($"shared paste: key {client.HotPasteKey} is {(metadata.TryGetProperty(client.HotPasteKey, out var v) ? v : "missing")}, last acknowledged {client.HotPasteValue}");

        foreach (var (owner, id) in targets.HotGistOf)
        {
            var files = (await read.GistAsync(id))!.Files;
            foreach (var client in clients.Where(c => c.HotFileContent is not null && c.User == owner))
                if (files.GetValueOrDefault(client.HotFile) != client.HotFileContent)
                    problems.Add($"{owner}'s shared gist: {client.HotFile} is {(files.ContainsKey(client.HotFile) ? "an older version" : "missing")} after its edit was acknowledged");
        }
        foreach (var id in targets.Deleted.Keys)
            if (await read.GistAsync(id) is not null) problems.Add($"deleted gist {id} is still there");
    }

    /// <summary>The file agrees with itself: counters match rows, forks point at their parents, one fork per user and parent.</summary>
    private static void CheckRows(ApiFixture fixture, List<ConcurrentClient> clients, ConcurrentTargets targets, List<string> problems)
    {
        void Zero(string what, string sql)
        {
            var n = fixture.Scalar<long>(sql);
            if (n != 0) problems.Add($"{n} {what}");
        }
        Zero("gists whose like count is not their likes", "SELECT count(*) FROM gists g WHERE nb_likes <> (SELECT count(*) FROM likes WHERE gist_id = g.id)");
        Zero("gists whose fork count is not their forks", "SELECT count(*) FROM gists g WHERE nb_forks <> (SELECT count(*) FROM gists f WHERE f.forked_id = g.id)");
        Zero("users with two forks of one gist", "SELECT count(*) FROM (SELECT 1 FROM gists WHERE forked_id IS NOT NULL GROUP BY forked_id, user_id HAVING count(*) > 1)");
        Zero("gists without a revision", "SELECT count(*) FROM gists g WHERE NOT EXISTS (SELECT 1 FROM gist_revisions r WHERE r.gist_id = g.id)");

        foreach (var fork in clients.SelectMany(c => c.Forks))
        {
            var parent = TestDatabase.Query<string?>(fixture.Home.DatabasePath,
                "SELECT p.uuid FROM gists f LEFT JOIN gists p ON p.id = f.forked_id WHERE f.uuid = @Fork", fork);
            var expected = targets.Deleted.ContainsKey(fork.Parent) ? null : fork.Parent;
            if (parent.Count != 1 || parent[0] != expected)
                problems.Add($"fork {fork.Fork} by {fork.Owner}: {(parent.Count == 0 ? "gone" : $"points at {parent[0] ?? "nothing"}")}, expected {expected ?? "nothing (parent deleted)"}");
        }
        foreach (var like in clients.SelectMany(c => c.Likes).Where(l => !targets.Deleted.ContainsKey(l.Gist)).Distinct())
            if (fixture.Scalar<long>("SELECT count(*) FROM likes l JOIN users u ON u.id = l.user_id JOIN gists g ON g.id = l.gist_id WHERE u.username = @User AND g.uuid = @Gist", like) != 1)
                problems.Add($"{like.User}'s acknowledged like of {like.Gist} is gone");

        if (fixture.Scalar<string>("PRAGMA integrity_check") is var integrity and not "ok") problems.Add($"integrity_check: {integrity}");
        Zero("foreign key errors", "SELECT count(*) FROM pragma_foreign_key_check");
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
}
