using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using PasteLite.Tests.Support;
using Xunit.Abstractions;

namespace PasteLite.Tests.Hardening;

/// <summary>
/// One fuzz pass and its assertions, the same in-process and on dist/pastelite: no answer is a 5xx or a failed
/// exchange; a 4xx with a body says something (a JSON error has a non-empty message); /healthcheck answers 200
/// every 500 requests and at the end; the stored paste and gist are unchanged. FUZZ_REQUESTS and FUZZ_SEED set the
/// count and the seed of every fuzz test.
/// </summary>
internal static class FuzzRun
{
    public const int DefaultSeed = 20261122;

    /// <summary>FUZZ_REQUESTS when set, else the test's own default.</summary>
    public static int Requests(int defaultCount) =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), out var n) ? n : defaultCount;

    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var s) ? s : DefaultSeed;

    public static async Task RunAsync(HttpClient client, FuzzRequests generator, IReadOnlyList<FuzzRoute> routes, int requests,
        string databasePath, FuzzKnown known, TimeSpan budget, ITestOutputHelper output)
    {
        Assert.True(routes.Count > 40, $"only {routes.Count} routes found");
        var before = Snapshot(databasePath, known);
        var random = new Random(Seed);
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
        {
            var (request, line) = generator.Next(random, i, routes);
            try
            {
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                var body = await response.Content.ReadAsByteArrayAsync();
                if (status >= 500)
                    failures.Add($"{line} -> {status}: {Snippet(body)}");
                else if (status >= 400 && body.Length > 0 && request.Method != HttpMethod.Head && Problem(response, body) is { } why)
                    failures.Add($"{line} -> {status} {why}: {Snippet(body)}");
            }
            catch (Exception e)
            {
                failures.Add($"{line} -> exception {e.GetType().Name}: {e.Message.Split('\n')[0]}{(e.InnerException is { } inner ? " / " + inner.Message : "")}");
            }
            finally
            {
                request.Dispose();
            }

            if (i % 500 == 499) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthcheck")).StatusCode);
        }

        output.WriteLine($"{requests} requests over {routes.Count} routes in {clock.Elapsed.TotalSeconds:F1} s (seed {Seed}); statuses: " +
                         string.Join(", ", statuses.Select(kv => $"{kv.Key}×{kv.Value}")));
        foreach (var failure in failures.Take(40)) output.WriteLine(failure);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthcheck")).StatusCode);
        Assert.Equal(before, Snapshot(databasePath, known));
        Assert.True(failures.Count == 0, $"{failures.Count} bad answers of {requests} (seed {Seed}); first:\n" + string.Join("\n", failures.Take(15)));
        Assert.True(clock.Elapsed < budget, $"the fuzz run took {clock.Elapsed}");
    }

    /// <summary>The stored paste and gist (every revision's files) as text, read from the SQLite file.</summary>
    private static string Snapshot(string databasePath, FuzzKnown known)
    {
        var paste = TestDatabase.Scalar<string>(databasePath,
            "SELECT id || '|' || hex(content) || '|' || ifnull(token_hash,'') || '|' || metadata || '|' || ifnull(expires_at,'') || '|' || burn_after_read FROM pastes WHERE id = @id",
            new { id = known.PasteId });
        var gist = TestDatabase.Scalar<string>(databasePath,
            """
            SELECT g.uuid || '|' || g.user_id || '|' || g.title || '|' || g.description || '|' || g.visibility || '|' || g.updated_at || '|' ||
                   g.expires_at || '|' || g.archived || '|' || g.nb_files || '|' ||
                   (SELECT group_concat(r.version || ':' || f.filename || ':' || hex(b.content), ';')
                      FROM gist_revisions r JOIN gist_revision_files f ON f.revision_id = r.id JOIN blobs b ON b.hash = f.blob_hash
                     WHERE r.gist_id = g.id)
            FROM gists g WHERE g.uuid = @uuid
            """, new { uuid = known.GistUuid });
        Assert.False(string.IsNullOrEmpty(paste) || string.IsNullOrEmpty(gist), "the stored paste or gist is missing");
        return paste + "\n" + gist;
    }

    private static string Snippet(byte[] body) => Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).ReplaceLineEndings(" ");

    /// <summary>Why a 4xx body does not carry a message, or null when it does.</summary>
    private static string? Problem(HttpResponseMessage response, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        if (string.IsNullOrWhiteSpace(text)) return "blank body";
        if (response.Content.Headers.ContentType?.MediaType is not ("application/json" or "application/problem+json")) return null;
        try
        {
            var json = JsonDocument.Parse(text).RootElement;
            if (json.ValueKind != JsonValueKind.Object) return "JSON error that is not an object";
            return json.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String && message.GetString()!.Trim().Length > 0
                ? null
                : "JSON error without a message";
        }
        catch (JsonException)
        {
            return "JSON error that does not parse";
        }
    }
}
