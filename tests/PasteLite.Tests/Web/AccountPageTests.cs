using System.Net;
using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Web;

/// <summary>Register, log in and out through the pages: sessions, anti-forgery, the first user as admin, throttling.</summary>
public sealed class AccountPageTests
{
    [Fact]
    public async Task The_first_user_becomes_admin_and_later_ones_do_not()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);

        await new PageClient(server).RegisterAsync("alice");
        await new PageClient(server).RegisterAsync("bob");

        var users = server.Get<UserStore>();
        Assert.True(users.FindByName("alice")!.IsAdmin);
        Assert.False(users.FindByName("bob")!.IsAdmin);
        Assert.True(Auth.Passwords.Verify("correct horse battery", users.FindByName("bob")!.PasswordHash));
    }

    [Fact]
    public async Task A_session_cookie_signs_in_and_logout_ends_it()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);
        var browser = new PageClient(server);
        var registered = await browser.RegisterAsync("alice");

        var setCookie = string.Join("\n", registered.Headers.GetValues("Set-Cookie"));
        Assert.Contains("pastelite_session=", setCookie);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Admin", await PageClient.BodyAsync(await browser.GetAsync("/-/settings")));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/-/logout")).StatusCode);
        var after = await browser.GetAsync("/-/settings");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/-/login?return=", after.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Login_checks_the_password_and_returns_to_the_page_asked_for()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);
        await new PageClient(server).RegisterAsync("alice");
        var browser = new PageClient(server);

        var wrong = await browser.PostFormAsync("/-/login", ("username", "alice"), ("password", "nope"), ("return", "/-/settings"));
        var right = await browser.PostFormAsync("/-/login", ("username", "ALICE"), ("password", "correct horse battery"), ("return", "/-/settings"));
        var offsite = await new PageClient(server).PostFormAsync("/-/login", ("username", "alice"), ("password", "correct horse battery"), ("return", "//evil.example/"));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("Wrong username or password", await PageClient.BodyAsync(wrong));
        Assert.Equal("/-/settings", right.Headers.Location!.ToString());
        Assert.Equal("/", offsite.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Forms_without_the_anti_forgery_field_are_refused()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);
        var browser = new PageClient(server);
        await browser.GetAsync("/-/register");

        var forged = await browser.PostFormAsync("/-/register", [new("username", "mallory"), new("password", "long enough pw")], withCsrf: false);
        var wrongValue = await browser.PostFormAsync("/-/register", ("username", "mallory"), ("password", "long enough pw"), ("_csrf", new string('0', 64)));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongValue.StatusCode);
        Assert.Null(server.Get<UserStore>().FindByName("mallory"));
    }

    [Fact]
    public async Task Repeated_failed_logins_are_throttled()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);
        await new PageClient(server).RegisterAsync("alice");
        var browser = new PageClient(server);

        for (var i = 0; i < Auth.FailedAttempts.Limit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostFormAsync("/-/login", ("username", "alice"), ("password", "guess" + i))).StatusCode);
        var blocked = await browser.PostFormAsync("/-/login", ("username", "alice"), ("password", "correct horse battery"));

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
    }

    [Fact]
    public async Task Disable_signup_closes_registration_once_an_account_exists()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);
        await new PageClient(server).RegisterAsync("alice");
        server.Get<AdminSettingsStore>().Set(AdminSettings.DisableSignupKey, true);

        var page = await new PageClient(server).GetAsync("/-/register");
        var post = await new PageClient(server).PostFormAsync("/-/register", ("username", "bob"), ("password", "long enough pw"));

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Null(server.Get<UserStore>().FindByName("bob"));
    }
}
