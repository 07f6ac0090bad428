using System.Net;
using PasteLite.Tests.GistApi;

namespace PasteLite.Tests.Hardening;

/// <summary>
/// Reads of a gist racing its deletion: every answer is the whole gist (200 with its file) or 404, never a 500 or a
/// gist without files, on the Gist API (the gist, its commits) and the web pages (the gist, its revisions).
/// Each read sees the database as of one moment, so a delete landing between two of its queries cannot show.
/// </summary>
public sealed class GistReadDeleteRaceTests
{
    private const int Rounds = 40;
    private const int ReadersPerRoute = 2;
    private const int MaxReadsPerReader = 400;

    [Fact]
    public async Task A_read_racing_the_delete_answers_the_whole_gist_or_404()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("racer");
        var problems = new List<string>();
        var reads = 0;
        var random = new Random(8);

        for (var round = 0; round < Rounds && problems.Count == 0; round++)
        {
            var id = await api.CreateGist(owner.Full, new Dictionary<string, string> { ["race.txt"] = "still here" });
            await api.PatchGist(id, owner.Full, """{"files":{"race.txt":{"content":"still here, twice"}}}""");
            var routes = new (string Path, string Expect)[]
            {
                ($"/api/gists/{id}", "still here, twice"),
                ($"/api/gists/{id}/commits", "\"version\""),
                ($"/racer/{id}", "still here, twice"),
                ($"/racer/{id}/revisions", "still here, twice"),
            };
            using var go = new SemaphoreSlim(0);
            var readers = routes.SelectMany(route => Enumerable.Range(0, ReadersPerRoute).Select(_ => Task.Run(async () =>
            {
                await go.WaitAsync();
                for (var i = 0; i < MaxReadsPerReader; i++)
                {
                    using var response = await api.Get(route.Path, owner.Full);
                    var body = await response.Content.ReadAsStringAsync();
                    Interlocked.Increment(ref reads);
                    if (response.StatusCode == HttpStatusCode.NotFound) return;
                    if (response.StatusCode != HttpStatusCode.OK || !body.Contains(route.Expect))
                    {
                        lock (problems) problems.Add($"round {round} GET {route.Path}: {(int)response.StatusCode} {Cut(body)}");
                        return;
                    }
                }
            }))).ToList();
            go.Release(readers.Count);
            await Task.Delay(random.Next(0, 4));
            await Api.AssertStatus(await api.Delete($"/api/gists/{id}", owner.Full), HttpStatusCode.NoContent);
            await Task.WhenAll(readers);
        }

        Assert.True(problems.Count == 0, $"{problems.Count} answers were neither the gist nor 404 (after {reads} reads):\n{string.Join('\n', problems.Take(10))}");
    }

    private static string Cut(string body) => body.Length <= 300 ? body : body[..300] + "...";
}
