using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Web;

/// <summary>Settings, access tokens and the admin panel, driven through their forms.</summary>
public sealed partial class SettingsAndAdminPageTests
{
    [GeneratedRegex("og_[0-9a-f]{64}")]
    private static partial Regex TokenPattern();

    [Fact]
    public async Task A_token_made_on_the_page_is_shown_once_and_works_on_the_api()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);
        var browser = new PageClient(server);
        await browser.RegisterAsync("alice");

        var created = await browser.PostFormAsync("/-/settings/access-tokens",
            ("name", "laptop"), ("scope_gist", "2"), ("scope_user", "1"), ("expires_at", ""));
        var shown = created.Headers.Location!.OriginalString;
        var token = TokenPattern().Match(await PageClient.BodyAsync(await browser.GetAsync(shown))).Value;
        var reloaded = await PageClient.BodyAsync(await browser.GetAsync(shown));
        var listing = await PageClient.BodyAsync(await browser.GetAsync("/-/settings/access-tokens"));

        // Post/Redirect/Get: the token is on the page the redirect leads to, once; a reload neither shows it nor makes another.
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Matches(@"^/-/settings/access-tokens\?created=[0-9a-f]{32}$", shown);
        Assert.NotEmpty(token);
        Assert.DoesNotContain(token, reloaded);
        Assert.Single(server.Get<AccessTokenStore>().ListForUser(server.Get<UserStore>().FindByName("alice")!.Id));
        Assert.Contains("laptop", listing);
        Assert.Contains("gist:write,user:read", listing);
        Assert.DoesNotContain(token, listing);
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/user");
        api.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(api)).StatusCode);
    }

    [Fact]
    public async Task Tokens_can_expire_and_be_deleted_only_by_their_owner()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);
        var alice = new PageClient(server);
        await alice.RegisterAsync("alice");
        var bob = new PageClient(server);
        await bob.RegisterAsync("bob");

        var past = await alice.PostFormAsync("/-/settings/access-tokens", ("name", "old"), ("scope_gist", "1"), ("scope_user", "0"), ("expires_at", "2001-01-01"));
        await alice.PostFormAsync("/-/settings/access-tokens", ("name", "keep"), ("scope_gist", "1"), ("scope_user", "0"), ("expires_at", "2099-12-31"));
        var tokens = server.Get<AccessTokenStore>();
        var aliceId = server.Get<UserStore>().FindByName("alice")!.Id;
        var keep = Assert.Single(tokens.ListForUser(aliceId));

        await bob.PostFormAsync($"/-/settings/access-tokens/{keep.Id}/delete");
        Assert.Single(tokens.ListForUser(aliceId));
        await alice.PostFormAsync($"/-/settings/access-tokens/{keep.Id}/delete");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.NotEqual(0, keep.ExpiresAt);
        Assert.Empty(tokens.ListForUser(aliceId));
    }

    [Fact]
    public async Task The_token_page_warns_when_the_api_is_disabled()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home, new Dictionary<string, string> { ["api.enabled"] = "false" });
        var browser = new PageClient(server);
        await browser.RegisterAsync("alice");

        Assert.Contains("currently disabled", await PageClient.BodyAsync(await browser.GetAsync("/-/settings/access-tokens")));
    }

    [Fact]
    public async Task Settings_change_username_email_and_password()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);
        var browser = new PageClient(server);
        await browser.RegisterAsync("alice");
        await new PageClient(server).RegisterAsync("bob");

        var taken = await browser.PostFormAsync("/-/settings/account", ("username", "bob"), ("email", ""));
        var renamed = await browser.PostFormAsync("/-/settings/account", ("username", "alicia"), ("email", "New@Example.org"));
        var badCurrent = await browser.PostFormAsync("/-/settings/password", ("current", "wrong"), ("password", "another long one"));
        var changed = await browser.PostFormAsync("/-/settings/password", ("current", "correct horse battery"), ("password", "another long one"));

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var user = server.Get<UserStore>().FindByName("alicia")!;
        Assert.Equal("new@example.org", user.Email);
        Assert.Equal(HttpStatusCode.Forbidden, badCurrent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.True(Auth.Passwords.Verify("another long one", server.Get<UserStore>().FindByName("alicia")!.PasswordHash));
    }

    [Fact]
    public async Task The_admin_panel_is_for_admins_and_its_switches_take_effect()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);
        var admin = new PageClient(server);
        await admin.RegisterAsync("alice");
        var bob = new PageClient(server);
        await bob.RegisterAsync("bob");

        var forBob = await bob.GetAsync("/-/admin-panel");
        var bobSaves = await bob.PostFormAsync("/-/admin-panel/settings", ("require-login", "1"));
        var panel = await PageClient.BodyAsync(await admin.GetAsync("/-/admin-panel"));
        var saved = await admin.PostFormAsync("/-/admin-panel/settings", ("require-login", "1"), ("disable-signup", "1"));

        Assert.Equal(HttpStatusCode.NotFound, forBob.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bobSaves.StatusCode);
        Assert.Contains("2 users", panel);
        Assert.Contains(AppInfo.Version, panel);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var switches = server.Get<AdminSettingsStore>().GetAll();
        Assert.True(switches[AdminSettings.RequireLoginKey]);
        Assert.True(switches[AdminSettings.DisableSignupKey]);
        Assert.False(switches[AdminSettings.AllowGistsWithoutLoginKey]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.GetAsync("/api/gists")).StatusCode);
    }

    [Fact]
    public async Task Admins_promote_and_delete_users_but_not_themselves()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);
        var admin = new PageClient(server);
        await admin.RegisterAsync("alice");
        await new PageClient(server).RegisterAsync("bob");
        var users = server.Get<UserStore>();
        var (aliceId, bobId) = (users.FindByName("alice")!.Id, users.FindByName("bob")!.Id);

        await admin.PostFormAsync($"/-/admin-panel/users/{bobId}/admin", ("admin", "1"));
        Assert.True(users.FindById(bobId)!.IsAdmin);
        await admin.PostFormAsync($"/-/admin-panel/users/{aliceId}/delete");
        await admin.PostFormAsync($"/-/admin-panel/users/{bobId}/delete");

        Assert.NotNull(users.FindById(aliceId));
        Assert.Null(users.FindById(bobId));
    }

    [Fact]
    public async Task Pages_carry_a_strict_csp_and_no_inline_script_or_style()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);
        var browser = new PageClient(server);
        await browser.RegisterAsync("alice");

        foreach (var path in new[] { "/-/login", "/-/register", "/-/settings", "/-/settings/access-tokens", "/-/admin-panel" })
        {
            var response = await browser.GetAsync(path);
            var html = await PageClient.BodyAsync(response);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)", html);
            Assert.DoesNotContain(" style=", html);
        }
    }
}
