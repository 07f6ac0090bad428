using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PasteLite.Auth;
using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Hardening;

/// <summary>
/// Guessed tokens are throttled per client address: personal access tokens on the Gist API, modification tokens on
/// pasty's PATCH/DELETE and the terminal's DELETE. After the limit even the right token is refused until the window passes.
/// </summary>
public sealed class AuthThrottleTests : IAsyncLifetime
{
    private const string Guesser = ThrottleServer.Guesser;
    private const string Bystander = ThrottleServer.Bystander;
    private ThrottleServer _server = null!;
    private ManualClock _clock = null!;

    public async Task InitializeAsync()
    {
        _server = await ThrottleServer.StartAsync();
        _clock = _server.Clock;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<ThrottleAnswer> Send(string method, string path, string client, string? bearer, string? json = null) =>
        _server.Send(method, path, client, bearer, json);

    private string GistToken(long expiresAt = 0) => _server.Token(expiresAt: expiresAt);

    private Task<(string Id, string Token)> Paste() => _server.Paste();

    [Fact]
    public async Task Gist_api_bad_tokens_then_the_right_one_is_429_until_the_window_passes()
    {
        var good = GistToken();
        for (var i = 0; i < FailedAttempts.Limit; i++)
            Assert.Equal(401, (await Send("GET", "/api/user", Guesser, "not-a-token-" + i)).Status);

        var refused = await Send("GET", "/api/user", Guesser, good);
        Assert.Equal(429, refused.Status);
        var error = JsonDocument.Parse(refused.Body).RootElement;
        Assert.Equal("Too many failed attempts", error.GetProperty("message").GetString());
        Assert.Equal(429, error.GetProperty("status").GetInt32());
        Assert.True(int.Parse(refused.RetryAfter!) is > 0 and <= 900);

        // Another client is not affected, and its success does not unblock the guesser.
        Assert.Equal(200, (await Send("GET", "/api/user", Bystander, good)).Status);
        Assert.Equal(429, (await Send("GET", "/api/user", Guesser, good)).Status);
        // Anonymous requests from the guesser still go through (nothing to throttle).
        Assert.NotEqual(429, (await Send("GET", "/api/gists", Guesser, null)).Status);

        _clock.Advance(FailedAttempts.Window - TimeSpan.FromSeconds(5));
        Assert.Equal(429, (await Send("GET", "/api/user", Guesser, good)).Status);
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(200, (await Send("GET", "/api/user", Guesser, good)).Status);
    }

    [Fact]
    public async Task Expired_gist_tokens_count_as_failures()
    {
        var expired = GistToken(expiresAt: DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds());
        for (var i = 0; i < FailedAttempts.Limit; i++)
            Assert.Equal(401, (await Send("GET", "/api/user", Guesser, expired)).Status);
        Assert.Equal(429, (await Send("GET", "/api/user", Guesser, GistToken())).Status);
    }

    [Fact]
    public async Task Pasty_patch_and_delete_bad_modification_tokens_are_throttled()
    {
        var (id, token) = await Paste();
        for (var i = 0; i < FailedAttempts.Limit / 2; i++)
        {
            Assert.Equal(401, (await Send("PATCH", "/api/v2/pastes/" + id, Guesser, "wrong" + i, """{"content":"x"}""")).Status);
            Assert.Equal(401, (await Send("DELETE", "/api/v2/pastes/" + id, Guesser, "wrong" + i)).Status);
        }

        var refused = await Send("PATCH", "/api/v2/pastes/" + id, Guesser, token, """{"content":"x"}""");
        Assert.Equal(429, refused.Status);
        Assert.Equal("too many failed attempts", refused.Body);
        Assert.NotNull(refused.RetryAfter);
        Assert.Equal(429, (await Send("DELETE", "/api/v2/pastes/" + id, Guesser, token)).Status);

        // The right token from another client works; the guesser stays blocked.
        Assert.Equal(200, (await Send("PATCH", "/api/v2/pastes/" + id, Bystander, token, """{"content":"edited"}""")).Status);
        Assert.Equal(429, (await Send("DELETE", "/api/v2/pastes/" + id, Guesser, token)).Status);

        _clock.Advance(FailedAttempts.Window + TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await Send("DELETE", "/api/v2/pastes/" + id, Guesser, token)).Status);
    }

    [Fact]
    public async Task Terminal_delete_bad_modification_tokens_are_throttled()
    {
        var (id, token) = await Paste();
        for (var i = 0; i < FailedAttempts.Limit; i++)
            Assert.Equal(403, (await Send("DELETE", "/" + id, Guesser, "wrong" + i)).Status);

        var refused = await Send("DELETE", "/" + id, Guesser, token);
        Assert.Equal(429, refused.Status);
        Assert.Equal("too many failed attempts: wait and try again\n", refused.Body);
        Assert.NotNull(refused.RetryAfter);
        // pasty's API shares the modification-token count with the terminal.
        Assert.Equal(429, (await Send("DELETE", "/api/v2/pastes/" + id, Guesser, token)).Status);

        _clock.Advance(FailedAttempts.Window + TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await Send("DELETE", "/" + id, Guesser, token)).Status);
    }
}
