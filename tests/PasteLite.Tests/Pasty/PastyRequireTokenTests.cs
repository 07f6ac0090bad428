using System.Net;
using PasteLite.Config;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Pasty;

/// <summary>pasty.require-token: creating needs a personal access token with gist:write; reading stays open.</summary>
public sealed class PastyRequireTokenTests
{
    [Fact]
    public async Task Creating_needs_a_gist_write_token_and_records_the_owner()
    {
        using var home = new TestHome();
        Assert.Equal(0, CliRunner.Run(["user", "create", "alice", "--password-stdin", "--home", home.Path], "pw\n").ExitCode);
        var writer = CliRunner.Run(home, "token", "create", "w", "--user", "alice", "--scopes", "gist:write").Out.Trim();
        var reader = CliRunner.Run(home, "token", "create", "r", "--user", "alice", "--scopes", "gist:read").Out.Trim();
        await using var server = await home.StartPasty((SettingKeys.PastyRequireToken, "true"));

        var anonymous = await server.Client.PostAsync("/api/v2/pastes", PastyTestSupport.Json("{\"content\":\"x\"}"));
        var readOnly = await server.Client.SendAsync(HttpMethod.Post, "/api/v2/pastes", "{\"content\":\"x\"}", reader);
        var bogus = await server.Client.SendAsync(HttpMethod.Post, "/api/v2/pastes", "{\"content\":\"x\"}", "og_" + new string('0', 64));
        var allowed = await server.Client.SendAsync(HttpMethod.Post, "/api/v2/pastes", "{\"content\":\"x\"}", writer);

        await anonymous.AssertTextAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await readOnly.AssertTextAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await bogus.AssertTextAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        var id = (await allowed.ReadJsonAsync()).GetProperty("id").GetString();
        Assert.Equal("alice", TestDatabase.Scalar<string>(home.DatabasePath,
            "SELECT u.username FROM pastes p JOIN users u ON u.id = p.owner_id WHERE p.id = @id", new { id }));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"/api/v2/pastes/{id}")).StatusCode);
    }
}
