using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd;

/// <summary>A create answered with 201 is on disk: kill -9 right after cannot lose it (issue 7's durability figure).</summary>
public sealed class DurabilityProcessTests
{
    [Fact]
    public async Task Every_acknowledged_paste_survives_sigkill_during_concurrent_creates()
    {
        using var home = new TestHome();
        var env = new Dictionary<string, string> { ["OG_PASTY_RATE_LIMIT"] = "off" };
        var acknowledged = new ConcurrentBag<(string Id, string Content)>();

        await using (var server = await PasteLiteProcess.StartServerAsync(home.Path, env: env))
        {
            using var http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var content = $"writer {writer} paste {n}";
                    try
                    {
                        var body = new StringContent(JsonSerializer.Serialize(new { content }), Encoding.UTF8, "application/json");
                        using var response = await http.PostAsync("/api/v2/pastes", body, stop.Token);
                        if (response.StatusCode != HttpStatusCode.Created) continue;
                        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop.Token));
                        acknowledged.Add((created.RootElement.GetProperty("id").GetString()!, content));
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                    {
                        return; // the server is gone: whatever was not answered 201 was never promised
                    }
                }
            })).ToArray();

            // Kill while the writers are still sending, right after a burst of 201s.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (acknowledged.Count < 300 && DateTime.UtcNow < deadline) await Task.Delay(10);
            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }
        Assert.True(acknowledged.Count >= 300, $"only {acknowledged.Count} pastes were acknowledged before the kill");

        // Restart on the same home: start-up recovers the WAL; every acknowledged paste is there with its content.
        await using (var server = await PasteLiteProcess.StartServerAsync(home.Path, env: env))
        {
            using var http = new HttpClient { BaseAddress = server.BaseUrl };
            var missing = new List<string>();
            foreach (var (id, content) in acknowledged)
            {
                var raw = await http.GetAsync($"/{id}/raw");
                if (raw.StatusCode != HttpStatusCode.OK || await raw.Content.ReadAsStringAsync() != content) missing.Add(id);
            }
            Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged pastes are missing: {string.Join(", ", missing.Take(10))}");
            Assert.Equal(0, await server.TerminateAsync());
        }

        Assert.Equal("ok", TestDatabase.Scalar<string>(home.DatabasePath, "PRAGMA integrity_check"));
        Assert.Equal(acknowledged.Count, TestDatabase.Scalar<long>(home.DatabasePath,
            $"SELECT count(*) FROM pastes WHERE id IN ({string.Join(',', acknowledged.Select(a => $"'{a.Id}'"))})"));
    }
}
