using System.Net;
using System.Text;
using PasteLite.Tests.Support;

namespace PasteLite.Tests;

/// <summary>
/// The WAL stays bounded while creates keep arriving: SQLite's checkpoint runs inside a commit, between writers, so it
/// completes and the next writer starts the WAL over. (A passive checkpoint on a timer, tried once, ran beside the
/// writers, never caught up, and let the WAL reach 3.6 GB in 20 s of creates.)
/// </summary>
public sealed class WalSizeTests
{
    [Fact]
    public async Task Sustained_concurrent_creates_keep_the_wal_to_a_few_megabytes()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home, new Dictionary<string, string> { ["pasty.rate-limit"] = "off" });
        var content = new string('x', 6000); // two pages a paste: 2,000 pastes are ~4,000 pages, 16 MB of WAL without checkpoints
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 250; i++)
            {
                var body = new StringContent($"{{\"content\":\"{w} {i} {content}\"}}", Encoding.UTF8, "application/json");
                using var response = await server.Client.PostAsync("/api/v2/pastes", body);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }
        }));
        await Task.WhenAll(writers);

        var wal = new FileInfo(home.DatabasePath + "-wal");
        Assert.True(wal.Length < 8L << 20, $"the WAL grew to {wal.Length:N0} bytes");
        Assert.Equal(2000, TestDatabase.Scalar<long>(home.DatabasePath, "SELECT count(*) FROM pastes"));
    }
}
