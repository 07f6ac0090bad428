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

/// <summary>An answer as a throttle test reads it: status, body, and Retry-After when there is one.</summary>
internal sealed record ThrottleAnswer(int Status, string Body, string? RetryAfter);

/// <summary>
/// An in-process server on a manual clock (so a test can step past the failed-attempt window) and without the paste
/// rate limit, driven from chosen client addresses: a guesser and a bystander.
/// </summary>
internal sealed class ThrottleServer : IAsyncDisposable
{
    public const string Guesser = "203.0.113.7";
    public const string Bystander = "198.51.100.9";

    private readonly TestHome _home;

    private ThrottleServer(TestHome home, InProcessServer server, ManualClock clock)
    {
        _home = home;
        Server = server;
        Clock = clock;
    }

    public InProcessServer Server { get; }
    public ManualClock Clock { get; }

    public static async Task<ThrottleServer> StartAsync(params (string Key, string Value)[] settings)
    {
        var home = new TestHome();
        var clock = new ManualClock();
        var values = new Dictionary<string, string> { [SettingKeys.PastyRateLimit] = "off" };
        foreach (var (key, value) in settings) values[key] = value;
        var server = await InProcessServer.StartAsync(home, values, b => b.Services.AddSingleton<TimeProvider>(clock));
        return new ThrottleServer(home, server, clock);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _home.Dispose();
    }

    /// <summary>Steps the clock past the failed-attempt window.</summary>
    public void PassWindow() => Clock.Advance(FailedAttempts.Window + TimeSpan.FromSeconds(1));

    public async Task<ThrottleAnswer> Send(string method, string path, string client, string? bearer, string? body = null,
        string contentType = "application/json")
    {
        var context = await Server.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = IPAddress.Parse(client);
            if (bearer is not null) c.Request.Headers.Authorization = "Bearer " + bearer;
            if (body is not null)
            {
                c.Request.ContentType = contentType;
                c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            }
        });
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return new ThrottleAnswer(context.Response.StatusCode, text,
            context.Response.Headers.RetryAfter.ToString() is { Length: > 0 } retry ? retry : null);
    }

    /// <summary>A new user's personal access token with the given gist scope (user:write too).</summary>
    public string Token(ScopeLevel gist = ScopeLevel.Write, long expiresAt = 0)
    {
        var name = "u" + Guid.NewGuid().ToString("N")[..8];
        var user = Server.Get<UserStore>().Create(name, name + "@example.org", "not-a-real-hash", false)!;
        var token = AccessTokens.Generate();
        Server.Get<AccessTokenStore>().Create(user.Id, "t", AccessTokens.Hash(token), new TokenScopes(gist, ScopeLevel.Write), expiresAt);
        return token;
    }

    /// <summary>A paste made by the bystander through pasty's API (with a token when creating needs one): its id and modification token.</summary>
    public async Task<(string Id, string Token)> Paste(string? accessToken = null)
    {
        var created = await Send("POST", "/api/v2/pastes", Bystander, accessToken, """{"content":"keep me"}""");
        Assert.Equal(201, created.Status);
        var json = JsonDocument.Parse(created.Body).RootElement;
        return (json.GetProperty("id").GetString()!, json.GetProperty("modificationToken").GetString()!);
    }

    /// <summary>Asserts a 429 that says when to come back: Retry-After in whole seconds within the window.</summary>
    public static void AssertThrottled(ThrottleAnswer answer)
    {
        Assert.Equal(429, answer.Status);
        Assert.NotNull(answer.RetryAfter);
        Assert.InRange(int.Parse(answer.RetryAfter!), 1, (int)FailedAttempts.Window.TotalSeconds);
    }
}
