using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using PasteLite.Config;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Pasty;

/// <summary>pasty.enabled, and a pasty deployment's own PASTY_* variables driving the API.</summary>
public sealed class PastyConfigTests
{
    [Fact]
    public async Task With_pasty_disabled_no_paste_route_exists()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyEnabled, "false"), (SettingKeys.PastyReportsEnabled, "true"));

        var responses = new[]
        {
            await server.Client.GetAsync("/api/v2/info"),
            await server.Client.PostAsync("/api/v2/pastes", PastyTestSupport.Json("{\"content\":\"x\"}")),
            await server.Client.GetAsync("/api/v2/pastes/abcdef"),
            await server.Client.SendAsync(HttpMethod.Delete, "/api/v2/pastes/abcdef"),
            await server.Client.PostAsync("/api/v2/pastes/abcdef/report", PastyTestSupport.Json("{\"reason\":\"x\"}")),
            await server.Client.GetAsync("/abcdef/raw"),
            await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/api/v2/pastes")),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/healthcheck")).StatusCode);
    }

    [Fact]
    public async Task Pastys_own_variable_names_configure_the_api()
    {
        using var home = new TestHome();
        var env = ConfigLoad.Env(
            ("PASTY_ID_LENGTH", "9"),
            ("PASTY_ID_CHARACTERS", "abc"),
            ("PASTY_MODIFICATION_TOKEN_LENGTH", "20"),
            ("PASTY_MODIFICATION_TOKEN_MASTER", "pasty-master"),
            ("PASTY_LENGTH_CAP", "5"),
            ("PASTY_RATE_LIMIT", "50-H"),
            ("PASTY_AUTODELETE", "true"),
            ("PASTY_AUTODELETE_LIFETIME", "5m"),
            ("PASTY_REPORTS", "true"));
        var settings = SettingsLoader.Load(new ConfigInputs(Environment: env, Flags: new Dictionary<string, string> { [SettingKeys.Home] = home.Path })).Settings;
        var app = PasteLiteApp.Build(settings, configure: b => b.WebHost.UseTestServer());
        await app.StartAsync();
        try
        {
            var client = app.GetTestClient();
            var info = await (await client.GetAsync("/api/v2/info")).ReadJsonAsync();
            var create = await client.PostAsync("/api/v2/pastes", PastyTestSupport.Json("{\"content\":\"12345\"}"));
            var tooLarge = await client.PostAsync("/api/v2/pastes", PastyTestSupport.Json("{\"content\":\"123456\"}"));
            var created = await create.ReadJsonAsync();
            var id = created.GetProperty("id").GetString()!;
            var delete = await client.SendAsync(HttpMethod.Delete, $"/api/v2/pastes/{id}", bearer: "pasty-master");

            Assert.Equal(300_000, info.GetProperty("pasteLifetime").GetInt64());
            Assert.True(info.GetProperty("reports").GetBoolean());
            Assert.Matches("^[abc]{9}$", id);
            Assert.Equal(20, created.GetProperty("modificationToken").GetString()!.Length);
            Assert.Equal("50", create.Header("X-RateLimit-Limit"));
            await tooLarge.AssertTextAsync(HttpStatusCode.BadRequest, "too large paste content");
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Pastys_tokens_switch_turns_modification_tokens_off()
    {
        using var home = new TestHome();
        var env = ConfigLoad.Env(("PASTY_MODIFICATION_TOKENS", "false"));
        var settings = SettingsLoader.Load(new ConfigInputs(Environment: env, Flags: new Dictionary<string, string> { [SettingKeys.Home] = home.Path })).Settings;
        var app = PasteLiteApp.Build(settings, configure: b => b.WebHost.UseTestServer());
        await app.StartAsync();
        try
        {
            var created = await app.GetTestClient().CreatePasteAsync();
            Assert.Null(created.ModificationToken);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
