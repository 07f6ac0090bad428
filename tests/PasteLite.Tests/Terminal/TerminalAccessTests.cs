using System.Net;
using System.Text.Json;
using PasteLite.Config;
using PasteLite.Tests.Pasty;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Terminal;

/// <summary>pasty.require-token for creating, and the admin setting require-login for reading single pastes.</summary>
public sealed class TerminalAccessTests
{
    private const string NeedsToken = "unauthorized: this server needs a personal access token with gist:write (Authorization: Bearer og_...)";
    private const string NeedsLogin = "unauthorized: this server requires login to read pastes (send Authorization: Bearer <personal access token>)";

    [Fact]
    public async Task Require_token_asks_every_create_for_a_gist_write_token_and_records_the_owner()
    {
        using var home = new TestHome();
        var writer = home.UserWithToken("alice", "gist:write");
        var reader = home.UserWithToken("alice", "gist:read");
        await using var server = await home.StartPasty((SettingKeys.PastyRequireToken, "true"));

        var anonymous = await server.Client.PostTextAsync("/", "x");
        await anonymous.AssertLineAsync(HttpStatusCode.Unauthorized, NeedsToken);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        await (await server.Client.PostTextAsync("/", "x", ("Authorization", $"Bearer {reader}"))).AssertLineAsync(HttpStatusCode.Unauthorized, NeedsToken);
        await (await server.Client.PostTextAsync("/", "x", ("Authorization", "Bearer og_" + new string('0', 64)))).AssertLineAsync(HttpStatusCode.Unauthorized, NeedsToken);
        var hasteAnonymous = await server.Client.PostTextAsync("/documents", "x");
        Assert.Equal(HttpStatusCode.Unauthorized, hasteAnonymous.StatusCode);
        Assert.Equal($"{{\"message\":{JsonSerializer.Serialize(NeedsToken)}}}", await hasteAnonymous.Content.ReadAsStringAsync());

        var paste = await server.Client.PasteAsync("mine", ("Authorization", $"Bearer {writer}"));
        var haste = await server.Client.PostTextAsync("/documents", "mine too", ("Authorization", $"token {writer}"));
        var key = JsonElement.Parse(await haste.Content.ReadAsStringAsync()).GetProperty("key").GetString();

        Assert.Equal(["alice", "alice"], TestDatabase.Query<string>(home.DatabasePath,
            "SELECT u.username FROM pastes p JOIN users u ON u.id = p.owner_id WHERE p.id IN (@a, @b)", new { a = paste.Id, b = key }));
        Assert.Equal("mine", await server.Client.GetStringAsync($"/{paste.Id}")); // reading stays open
        Assert.NotNull(paste.Token);
    }

    [Fact]
    public async Task Under_require_login_anonymous_readers_get_401_or_the_login_page()
    {
        using var home = new TestHome();
        var token = home.UserWithToken("bob", "");
        Assert.Equal(0, CliRunner.Run(home, "admin", "set", "require-login", "true").ExitCode);
        await using var server = await home.StartPasty();
        var paste = await server.Client.PasteAsync("members only"); // creating is pasty.require-token's business

        foreach (var path in new[] { $"/{paste.Id}", $"/{paste.Id}/raw", $"/raw/{paste.Id}", $"/documents/{paste.Id}", $"/api/v2/pastes/{paste.Id}" })
        {
            var anonymous = await server.Client.GetAsync(path);
            await anonymous.AssertLineAsync(HttpStatusCode.Unauthorized, NeedsLogin);
            var signedIn = new HttpRequestMessage(HttpMethod.Get, path);
            signedIn.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
            Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(signedIn)).StatusCode);
        }
        var browser = await server.Client.BrowseAsync($"/{paste.Id}");
        Assert.Equal(HttpStatusCode.Redirect, browser.StatusCode);
        Assert.Equal("/-/login", browser.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.GetAsync($"/{paste.Id}", HttpCompletionOption.ResponseHeadersRead)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/")).StatusCode); // the guide is not a paste
    }

    [Fact]
    public async Task Allow_gists_without_login_opens_single_pastes_again()
    {
        using var home = new TestHome();
        Assert.Equal(0, CliRunner.Run(home, "admin", "set", "require-login", "true").ExitCode);
        Assert.Equal(0, CliRunner.Run(home, "admin", "set", "allow-gists-without-login", "true").ExitCode);
        await using var server = await home.StartPasty();
        var paste = await server.Client.PasteAsync("open again");

        Assert.Equal("open again", await server.Client.GetStringAsync($"/{paste.Id}"));
        Assert.Equal("open again", await server.Client.GetStringAsync($"/raw/{paste.Id}"));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.BrowseAsync($"/{paste.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_burn_after_reading_paste_is_not_burnt_by_a_refused_reader()
    {
        using var home = new TestHome();
        Assert.Equal(0, CliRunner.Run(home, "admin", "set", "require-login", "true").ExitCode);
        await using var server = await home.StartPasty();
        var paste = await server.Client.PasteAsync("x", ("Burn-After-Reading", "true"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.GetAsync($"/{paste.Id}")).StatusCode);

        Assert.True(home.IsStored(paste.Id));
    }
}
