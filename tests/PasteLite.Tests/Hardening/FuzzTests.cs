using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PasteLite.Auth;
using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Tests.Support;
using Xunit.Abstractions;

namespace PasteLite.Tests.Hardening;

/// <summary>
/// The fuzzer (<see cref="FuzzRequests"/>) in-process: 3000 generated hostile requests over every mapped route on a
/// TestServer and a real SQLite file, with <see cref="FuzzRun"/>'s assertions (no 5xx, every error says something,
/// health stays 200, the stored paste and gist unchanged). FUZZ_REQUESTS and FUZZ_SEED run a longer or other pass;
/// EndToEnd/FuzzProcessTests sends the same requests to dist/pastelite.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestHome _home = new();
    private InProcessServer _server = null!;
    private Pasty.WebhookListener _webhook = null!;

    public async Task InitializeAsync()
    {
        // Reports on, relayed to a webhook that accepts them, so the report route is fuzzed too.
        _webhook = await Pasty.WebhookListener.AnsweringAsync(200, """{"success":true,"message":"noted"}""");
        _server = await InProcessServer.StartAsync(_home, new Dictionary<string, string>
        {
            [SettingKeys.PastyRateLimit] = "off",
            [SettingKeys.PastyReportsEnabled] = "true",
            [SettingKeys.PastyReportsWebhook] = _webhook.Url,
        }, b => b.Services.AddSingleton<IStartupFilter>(new PeerFromHeader()));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _webhook.DisposeAsync();
        _home.Dispose();
    }

    /// <summary>The TestServer has no TCP peer; X-Test-Peer gives each request a client address, so throttles see many clients.</summary>
    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers["X-Test-Peer"], out var peer)) context.Connection.RemoteIpAddress = peer;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    // ---- fixtures the fuzzer aims at -----------------------------------------------------------

    private async Task<FuzzKnown> SeedAsync()
    {
        var users = _server.Get<UserStore>();
        var owner = users.Create("owner", "owner@example.org", "not-a-real-hash", false)!;
        var fuzzer = users.Create("fuzzer", "fuzzer@example.org", "not-a-real-hash", false)!;
        string Token(UserRow user)
        {
            var token = AccessTokens.Generate();
            _server.Get<AccessTokenStore>().Create(user.Id, "t", AccessTokens.Hash(token), new TokenScopes(ScopeLevel.Write, ScopeLevel.Write), 0);
            return token;
        }

        var create = new HttpRequestMessage(HttpMethod.Post, "/api/gists")
        {
            Content = new StringContent("""{"description":"kept","public":true,"files":{"a.md":{"content":"# kept\n"},"b.txt":{"content":"b"}}}""",
                Encoding.UTF8, "application/json"),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Token", Token(owner));
        var gist = JsonDocument.Parse(await (await _server.Client.SendAsync(create)).Content.ReadAsStringAsync()).RootElement;
        var uuid = gist.GetProperty("id").GetString()!;
        var version = TestDatabase.Scalar<string>(_home.DatabasePath,
            "SELECT version FROM gist_revisions r JOIN gists g ON g.id = r.gist_id WHERE g.uuid = @uuid", new { uuid });

        var paste = await _server.Client.PostAsync("/api/v2/pastes",
            new StringContent("""{"content":"kept paste\u0000\u00e9","metadata":{"k":[1,2]}}""", Encoding.UTF8, "application/json"));
        var pasteId = JsonDocument.Parse(await paste.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        return new FuzzKnown(pasteId, uuid, version, owner.Username, fuzzer.Username, Token(fuzzer), _server.Get<SessionStore>().Create(fuzzer.Id));
    }

    [Fact]
    public async Task Thousands_of_hostile_requests_get_no_5xx_and_change_nothing_they_may_not()
    {
        var known = await SeedAsync();
        var csrf = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var generator = new FuzzRequests(known, csrf, FuzzTransport.InProcess);
        await FuzzRun.RunAsync(_server.Client, generator, FuzzRequests.Routes(_server.Services), FuzzRun.Requests(3000),
            _home.DatabasePath, known, TimeSpan.FromSeconds(60), output);
    }
}
