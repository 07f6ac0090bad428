using PasteLite.Auth;
using PasteLite.Config;
using PasteLite.Data;
using static PasteLite.Tests.Hardening.ThrottleServer;

namespace PasteLite.Tests.Hardening;

/// <summary>
/// Personal access tokens are throttled on every surface that takes them, with one count per client shared by all:
/// pasty's and the terminal's creates under pasty.require-token (POST /api/v2/pastes, POST /, POST /documents), paste
/// reads under require-login, and the Gist API. pasty.admin-token guesses count with the modification tokens.
/// After 10 failures even the right credential is 429 with Retry-After until the window passes.
/// </summary>
public sealed class TokenSurfaceThrottleTests
{
    [Fact]
    public async Task Creates_under_require_token_count_bad_tokens_and_refuse_the_right_one_past_the_limit()
    {
        await using var server = await StartAsync((SettingKeys.PastyRequireToken, "true"));
        var good = server.Token();
        for (var i = 0; i < FailedAttempts.Limit; i++)
            Assert.Equal(401, (await server.Send("POST", "/api/v2/pastes", Guesser, "og_wrong" + i, """{"content":"x"}""")).Status);

        var pasty = await server.Send("POST", "/api/v2/pastes", Guesser, good, """{"content":"x"}""");
        AssertThrottled(pasty);
        Assert.Equal("too many failed attempts", pasty.Body);
        var terminal = await server.Send("POST", "/", Guesser, good, "x", "text/plain");
        AssertThrottled(terminal);
        Assert.Equal("too many failed attempts: wait and try again\n", terminal.Body);
        var hastebin = await server.Send("POST", "/documents", Guesser, good, "x", "text/plain");
        AssertThrottled(hastebin);
        Assert.Contains("\"message\":\"too many failed attempts", hastebin.Body);

        // Another client creates; the window's end lets the guesser in again.
        Assert.Equal(201, (await server.Send("POST", "/", Bystander, good, "x", "text/plain")).Status);
        server.PassWindow();
        Assert.Equal(201, (await server.Send("POST", "/api/v2/pastes", Guesser, good, """{"content":"x"}""")).Status);
    }

    [Fact]
    public async Task One_count_spans_every_token_surface()
    {
        await using var server = await StartAsync((SettingKeys.PastyRequireToken, "true"));
        var good = server.Token();
        var (id, _) = await server.Paste(good);
        server.Server.Get<AdminSettingsStore>().Set(AdminSettings.RequireLoginKey, true);

        // Ten guesses spread over five surfaces, two each.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(401, (await server.Send("POST", "/api/v2/pastes", Guesser, "og_a" + i, """{"content":"x"}""")).Status);
            Assert.Equal(401, (await server.Send("POST", "/", Guesser, "og_b" + i, "x", "text/plain")).Status);
            Assert.Equal(401, (await server.Send("POST", "/documents", Guesser, "og_c" + i, "x", "text/plain")).Status);
            Assert.Equal(401, (await server.Send("GET", "/" + id, Guesser, "og_d" + i)).Status);
            Assert.Equal(401, (await server.Send("GET", "/api/user", Guesser, "og_e" + i)).Status);
        }

        AssertThrottled(await server.Send("GET", "/api/user", Guesser, good));
        AssertThrottled(await server.Send("POST", "/", Guesser, good, "x", "text/plain"));
        AssertThrottled(await server.Send("GET", "/api/v2/pastes/" + id, Guesser, good));
    }

    [Fact]
    public async Task Reads_under_require_login_count_bad_tokens()
    {
        await using var server = await StartAsync();
        var (id, _) = await server.Paste();
        var good = server.Token(ScopeLevel.None);
        server.Server.Get<AdminSettingsStore>().Set(AdminSettings.RequireLoginKey, true);

        for (var i = 0; i < FailedAttempts.Limit; i++)
            Assert.Equal(401, (await server.Send("GET", $"/{id}/raw", Guesser, "og_wrong" + i)).Status);
        var refused = await server.Send("GET", $"/{id}/raw", Guesser, good);
        AssertThrottled(refused);
        Assert.Equal("too many failed attempts: wait and try again\n", refused.Body);
        // Without a token the answer stays the plain 401: nothing was guessed, nothing to throttle.
        Assert.Equal(401, (await server.Send("GET", $"/{id}/raw", Guesser, null)).Status);

        Assert.Equal(200, (await server.Send("GET", $"/{id}/raw", Bystander, good)).Status);
        server.PassWindow();
        Assert.Equal(200, (await server.Send("GET", $"/{id}/raw", Guesser, good)).Status);
    }

    [Fact]
    public async Task Admin_token_guesses_are_throttled_with_the_modification_tokens()
    {
        await using var server = await StartAsync((SettingKeys.PastyAdminToken, "the-admin-secret"));
        var (id, _) = await server.Paste();
        for (var i = 0; i < FailedAttempts.Limit; i++)
            Assert.Equal(401, (await server.Send("DELETE", "/api/v2/pastes/" + id, Guesser, "the-admin-guess" + i)).Status);

        AssertThrottled(await server.Send("PATCH", "/api/v2/pastes/" + id, Guesser, "the-admin-secret", """{"content":"x"}"""));
        AssertThrottled(await server.Send("DELETE", "/" + id, Guesser, "the-admin-secret"));
        server.PassWindow();
        Assert.Equal(200, (await server.Send("DELETE", "/" + id, Guesser, "the-admin-secret")).Status);
    }
}
