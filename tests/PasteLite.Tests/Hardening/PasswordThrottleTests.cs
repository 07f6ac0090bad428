using System.Net;
using PasteLite.Auth;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Hardening;

/// <summary>
/// Password guesses are throttled per client: the login form and the settings page's current password share one
/// count; 10 failures and then even the right password is 429 with Retry-After until the window passes, and signing
/// in to one's own account in between does not reset the count.
/// </summary>
public sealed class PasswordThrottleTests
{
    private const string Password = "correct horse battery";

    private static Task<HttpResponseMessage> Login(PageClient browser, string username, string password) =>
        browser.PostFormAsync("/-/login", ("username", username), ("password", password));

    private static void AssertThrottled(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retry = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retry);
        Assert.InRange(retry.Value, TimeSpan.FromSeconds(1), FailedAttempts.Window);
    }

    [Fact]
    public async Task Login_past_the_limit_is_429_with_retry_after_for_the_right_password_until_the_window_passes()
    {
        await using var server = await ThrottleServer.StartAsync();
        using var alice = new PageClient(server.Server);
        await alice.RegisterAsync("alice", Password);
        using var guesser = new PageClient(server.Server);

        for (var i = 0; i < FailedAttempts.Limit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Login(guesser, "alice", "guess" + i)).StatusCode);
        var refused = await Login(guesser, "alice", Password);
        AssertThrottled(refused);
        Assert.Contains("Too many failed attempts", await refused.Content.ReadAsStringAsync());

        server.PassWindow();
        Assert.Equal(HttpStatusCode.Redirect, (await Login(guesser, "alice", Password)).StatusCode);
    }

    [Fact]
    public async Task Signing_in_to_ones_own_account_between_guesses_does_not_reset_the_count()
    {
        await using var server = await ThrottleServer.StartAsync();
        using (var setup = new PageClient(server.Server))
        {
            await setup.RegisterAsync("victim", Password);
        }
        using var mallory = new PageClient(server.Server);
        await mallory.RegisterAsync("mallory", "mallory's own password");

        for (var i = 0; i < FailedAttempts.Limit - 1; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Login(mallory, "victim", "guess" + i)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Login(mallory, "mallory", "mallory's own password")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login(mallory, "victim", "one guess more")).StatusCode);

        AssertThrottled(await Login(mallory, "victim", Password));
    }

    [Fact]
    public async Task Wrong_current_passwords_on_the_settings_page_count_with_the_logins()
    {
        await using var server = await ThrottleServer.StartAsync();
        using var browser = new PageClient(server.Server);
        await browser.RegisterAsync("carol", Password);

        for (var i = 0; i < FailedAttempts.Limit; i++)
        {
            var wrong = await browser.PostFormAsync("/-/settings/password", ("current", "guess" + i), ("password", "a new long password"));
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        }
        AssertThrottled(await browser.PostFormAsync("/-/settings/password", ("current", Password), ("password", "a new long password")));
        AssertThrottled(await Login(browser, "carol", Password));

        server.PassWindow();
        var changed = await browser.PostFormAsync("/-/settings/password", ("current", Password), ("password", "a new long password"));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("Password changed.", await changed.Content.ReadAsStringAsync());
    }
}
