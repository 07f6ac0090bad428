using Microsoft.Extensions.DependencyInjection;
using PasteLite.Data;
using PasteLite.Tests.Hardening;

namespace PasteLite.Tests.GistApi;

/// <summary>
/// Lists and tokens are reused for a moment (Data/RecentReads.cs): a write through the server shows at once, an expiry
/// the moment it passes, and a write by another process within RecentReads.MaxAge.
/// </summary>
public sealed class GistReadCacheTests
{
    /// <summary>The public list as "ids total": e.g. "b,a 2".</summary>
    private static async Task<string> PublicList(ApiFixture api)
    {
        var response = await api.Get("/api/gists/public");
        var ids = (await Api.Json(response)).EnumerateArray().Select(g => g.GetProperty("id").GetString()!);
        return $"{string.Join(',', ids)} {Api.Header(response, "X-Total")}";
    }

    [Fact]
    public async Task A_list_shows_writes_through_the_server_at_once()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var first = await api.CreateGist(owner.Full);
        Assert.Equal($"{first} 1", await PublicList(api));

        var second = await api.CreateGist(owner.Full);
        Assert.Equal($"{second},{first} 2", await PublicList(api));

        await api.PatchGist(first, owner.Full, """{"visibility":"private"}""");
        Assert.Equal($"{second} 1", await PublicList(api));

        Assert.Equal(204, (int)(await api.Delete($"/api/gists/{second}", owner.Full)).StatusCode);
        Assert.Equal(" 0", await PublicList(api));
    }

    [Fact]
    public async Task A_list_drops_a_gist_the_moment_it_expires()
    {
        var clock = new ManualClock();
        await using var api = await ApiFixture.StartAsync(configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var owner = api.Account("owner");
        var lasting = await api.CreateGist(owner.Full);
        var body = ApiFixture.GistBody(visibility: "public");
        body["expire"] = "1hour";
        var expiring = (await api.CreateGistJson(owner.Full, body)).GetProperty("id").GetString()!;
        Assert.Equal($"{expiring},{lasting} 2", await PublicList(api));

        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal($"{lasting} 1", await PublicList(api));
        Assert.Equal(404, (int)(await api.Get($"/api/gists/{expiring}")).StatusCode);
    }

    [Fact]
    public async Task A_change_by_another_process_shows_within_the_max_age()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full);
        Assert.Equal($"{id} 1", await PublicList(api));

        // Another connection, as the CLI would write: this server's write count does not move.
        using (var connection = Support.TestDatabase.OpenRaw(api.Home.DatabasePath))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE gists SET visibility = 2 WHERE uuid = $id";
            command.Parameters.AddWithValue("$id", id);
            Assert.Equal(1, command.ExecuteNonQuery());
        }
        await Task.Delay(RecentReads.MaxAge);

        Assert.Equal(" 0", await PublicList(api));
    }
}
