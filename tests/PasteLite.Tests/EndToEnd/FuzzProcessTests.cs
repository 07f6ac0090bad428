using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PasteLite.Config;
using PasteLite.Tests.Hardening;
using PasteLite.Tests.Pasty;
using PasteLite.Tests.Support;
using Xunit.Abstractions;

namespace PasteLite.Tests.EndToEnd;

/// <summary>
/// The fuzzer's requests (<see cref="FuzzRequests"/>) sent to dist/pastelite over real HTTP, with the in-process
/// run's assertions (<see cref="FuzzRun"/>): Kestrel's own parsing and limits answer here (a NUL in the path, oversized
/// headers and request lines), which the TestServer never reaches. 500 requests by default; FUZZ_REQUESTS and
/// FUZZ_SEED run a longer or other pass. The server trusts 127.0.0.1 as a proxy, so X-Forwarded-For gives each
/// request one of many client addresses.
/// </summary>
public sealed class FuzzProcessTests(ITestOutputHelper output)
{
    private const string Password = "fuzzing password";

    private static Dictionary<string, string> Settings(string webhook) => new()
    {
        [SettingKeys.PastyRateLimit] = "off",
        [SettingKeys.PastyReportsEnabled] = "true",
        [SettingKeys.PastyReportsWebhook] = webhook,
        [SettingKeys.TrustedProxies] = "127.0.0.1",
    };

    [Fact]
    public async Task Hostile_requests_over_http_get_no_5xx_and_change_nothing_they_may_not()
    {
        await using var webhook = await WebhookListener.AnsweringAsync(200, """{"success":true,"message":"noted"}""");
        var settings = Settings(webhook.Url);
        var routes = await RoutesAsync(settings);

        using var home = new TestHome();
        var ownerToken = await PasteLiteProcess.CreateUserWithTokenAsync(home.Path, "owner", Password, "gist:write,user:write");
        var fuzzToken = await PasteLiteProcess.CreateUserWithTokenAsync(home.Path, "fuzzer", Password, "gist:write,user:write");
        var env = settings.ToDictionary(s => "OG_" + s.Key.ToUpperInvariant().Replace('.', '_').Replace('-', '_'), s => s.Value);
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path, env: env);

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(30),
        };
        var known = await SeedAsync(http, home, server.BaseUrl, ownerToken, fuzzToken);
        var csrf = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var generator = new FuzzRequests(known, csrf, FuzzTransport.RealServer);
        var requests = FuzzRun.Requests(500);

        await FuzzRun.RunAsync(http, generator, routes, requests, home.DatabasePath, known,
            TimeSpan.FromSeconds(60 + requests / 50), output);
        Assert.False(server.HasExited, $"pastelite exited:\n{server.Errors}");
    }

    /// <summary>The routes dist/pastelite maps with these settings, read from the same app built in-process.</summary>
    private static async Task<List<FuzzRoute>> RoutesAsync(Dictionary<string, string> settings)
    {
        using var home = new TestHome();
        await using var app = await InProcessServer.StartAsync(home, settings);
        return FuzzRequests.Routes(app.Services);
    }

    /// <summary>A gist of the owner's and a paste through the API, and a web session of the fuzzer's from the login form.</summary>
    private static async Task<FuzzKnown> SeedAsync(HttpClient http, TestHome home, Uri baseUrl, string ownerToken, string fuzzToken)
    {
        var create = new HttpRequestMessage(HttpMethod.Post, "/api/gists")
        {
            Content = new StringContent("""{"description":"kept","public":true,"files":{"a.md":{"content":"# kept\n"},"b.txt":{"content":"b"}}}""",
                Encoding.UTF8, "application/json"),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Token", ownerToken);
        var gist = await http.SendAsync(create);
        Assert.Equal(201, (int)gist.StatusCode);
        var uuid = JsonDocument.Parse(await gist.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var version = TestDatabase.Scalar<string>(home.DatabasePath,
            "SELECT version FROM gist_revisions r JOIN gists g ON g.id = r.gist_id WHERE g.uuid = @uuid", new { uuid });

        var paste = await http.PostAsync("/api/v2/pastes",
            new StringContent("""{"content":"kept paste\u0000\u00e9","metadata":{"k":[1,2]}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(201, (int)paste.StatusCode);
        var pasteId = JsonDocument.Parse(await paste.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        using var browser = new PageClient(baseUrl);
        await browser.LoginAsync("fuzzer", Password);
        return new FuzzKnown(pasteId, uuid, version, "owner", "fuzzer", fuzzToken, browser.Cookie(PasteLite.Web.WebSession.CookieName)!);
    }
}
