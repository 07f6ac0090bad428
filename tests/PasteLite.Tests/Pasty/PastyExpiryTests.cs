using System.Net;
using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Services;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Pasty;

/// <summary>Autodelete: pastes older than the lifetime are 404 at once and swept away in the background.</summary>
public sealed class PastyExpiryTests
{
    [Fact]
    public async Task A_paste_older_than_the_lifetime_is_404_everywhere_before_the_sweeper_runs()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyAutodeleteEnabled, "true"),
            (SettingKeys.PastyAutodeleteLifetime, "1h"), (SettingKeys.PastyAutodeleteInterval, "24h"),
            (SettingKeys.PastyAdminToken, "admin-secret"));
        var old = await server.Client.CreatePasteAsync("old");
        var young = await server.Client.CreatePasteAsync("young");
        home.SetCreated(old.Id, PastyTestSupport.Now - 3600 - 5);
        home.SetCreated(young.Id, PastyTestSupport.Now - 3600 + 60);

        await (await server.Client.GetAsync($"/api/v2/pastes/{old.Id}")).AssertTextAsync(HttpStatusCode.NotFound, "paste not found");
        await (await server.Client.GetAsync($"/{old.Id}/raw")).AssertTextAsync(HttpStatusCode.NotFound, "paste not found");
        await (await server.Client.SendAsync(HttpMethod.Patch, $"/api/v2/pastes/{old.Id}", "{}", "admin-secret")).AssertTextAsync(HttpStatusCode.NotFound, "paste not found");
        await (await server.Client.SendAsync(HttpMethod.Delete, $"/api/v2/pastes/{old.Id}", bearer: "admin-secret")).AssertTextAsync(HttpStatusCode.NotFound, "paste not found");
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"/api/v2/pastes/{young.Id}")).StatusCode);
        Assert.Equal(2, home.PasteCount()); // still stored: only the sweeper deletes
    }

    [Fact]
    public async Task The_sweeper_deletes_only_expired_pastes()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyAutodeleteEnabled, "true"),
            (SettingKeys.PastyAutodeleteLifetime, "10m"), (SettingKeys.PastyAutodeleteInterval, "24h"));
        var old = await server.Client.CreatePasteAsync("old");
        var young = await server.Client.CreatePasteAsync("young");
        home.SetCreated(old.Id, PastyTestSupport.Now - 601);

        var deleted = server.Get<PasteSweeper>().SweepOnce();

        Assert.Equal(1, deleted);
        Assert.Equal([young.Id], TestDatabase.Query<string>(home.DatabasePath, "SELECT id FROM pastes"));
    }

    [Fact]
    public async Task The_sweeper_deletes_old_pastes_up_to_the_first_young_one_and_the_rest_later()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyAutodeleteEnabled, "true"),
            (SettingKeys.PastyAutodeleteLifetime, "10m"), (SettingKeys.PastyAutodeleteInterval, "24h"));
        var made = new List<string>();
        for (var i = 0; i < 4; i++) made.Add((await server.Client.CreatePasteAsync($"paste {i}")).Id);
        home.SetCreated(made[0], PastyTestSupport.Now - 900);
        home.SetCreated(made[1], PastyTestSupport.Now - 700);
        home.SetCreated(made[3], PastyTestSupport.Now - 3000); // made after the clock was set back

        Assert.Equal(2, server.Get<PasteSweeper>().SweepOnce());
        Assert.Equal([made[2], made[3]], TestDatabase.Query<string>(home.DatabasePath, "SELECT id FROM pastes ORDER BY seq"));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/api/v2/pastes/{made[3]}")).StatusCode);

        // Once the paste before it is old too, both go.
        home.SetCreated(made[2], PastyTestSupport.Now - 601);
        Assert.Equal(2, server.Get<PasteSweeper>().SweepOnce());
        Assert.Equal(0, home.PasteCount());
    }

    [Theory]
    [InlineData(PasteStore.SweepExpiredSql, "INDEX pastes_by_expiry")]
    [InlineData(PasteStore.SweepOldSql, "USING INTEGER PRIMARY KEY")]
    public async Task Sweeping_deletes_through_an_index_not_a_scan(string sql, string access)
    {
        using var home = new TestHome();
        await using (await home.StartPasty()) { } // a database at the latest schema
        var plan = string.Join("\n", TestDatabase.Query<(long Id, long Parent, long NotUsed, string Detail)>(home.DatabasePath,
            "EXPLAIN QUERY PLAN " + sql, new { now = 0, firstYoung = 0, oldestCreated = 0 }).Select(row => row.Detail));

        Assert.Contains(access, plan);
        Assert.DoesNotContain("SCAN", plan);
    }

    [Fact]
    public async Task The_sweeper_runs_on_its_own_at_the_task_interval()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyAutodeleteEnabled, "true"),
            (SettingKeys.PastyAutodeleteLifetime, "1h"), (SettingKeys.PastyAutodeleteInterval, "200ms"));
        var old = await server.Client.CreatePasteAsync("old");
        await server.Client.CreatePasteAsync("young");
        home.SetCreated(old.Id, PastyTestSupport.Now - 7200);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (home.PasteCount() > 1 && DateTime.UtcNow < deadline) await Task.Delay(100);

        Assert.Equal(1, home.PasteCount());
    }

    [Fact]
    public async Task A_short_lifetime_expires_a_paste_within_seconds()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyAutodeleteEnabled, "true"),
            (SettingKeys.PastyAutodeleteLifetime, "1s"), (SettingKeys.PastyAutodeleteInterval, "24h"));
        var created = await server.Client.CreatePasteAsync("brief");

        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"/{created.Id}/raw")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2.2));

        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/{created.Id}/raw")).StatusCode);
    }

    [Fact]
    public async Task Without_autodelete_old_pastes_live_on_but_a_past_expiry_is_404_and_swept()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyAutodeleteInterval, "24h"));
        var ancient = await server.Client.CreatePasteAsync("ancient");
        var expiring = await server.Client.CreatePasteAsync("expiring");
        home.SetCreated(ancient.Id, 1_000_000_000);
        using (var connection = TestDatabase.OpenRaw(home.DatabasePath))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE pastes SET expires_at = {PastyTestSupport.Now - 1} WHERE id = '{expiring.Id}'";
            command.ExecuteNonQuery();
        }

        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"/api/v2/pastes/{ancient.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/api/v2/pastes/{expiring.Id}")).StatusCode);
        Assert.Equal(1, server.Get<PasteSweeper>().SweepOnce());
        Assert.Equal(1, home.PasteCount());
    }
}
