using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PasteLite.Tests.Pasty;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd;

/// <summary>
/// dist/pastelite at log-level debug, driven through every way a secret reaches it: no secret may appear anywhere
/// in what it prints (stdout and stderr), nor in what the command line prints back besides the token it was asked for.
/// </summary>
public sealed partial class SecretLoggingProcessTests
{
    private static string Secret(string what) => $"{what}Zq{Guid.NewGuid():N}";

    [Fact]
    public async Task No_secret_reaches_the_log_at_debug_level()
    {
        using var home = new TestHome();
        await using var webhook = await WebhookListener.AnsweringAsync(200, """{"success":true,"message":"thanks"}""");
        var secrets = new List<string>();
        string Remember(string secret)
        {
            Assert.False(string.IsNullOrEmpty(secret));
            secrets.Add(secret);
            return secret;
        }
        var adminToken = Remember(Secret("admintoken"));
        var webhookToken = Remember(Secret("webhooktoken"));
        var sessionKey = Remember(Secret("secretkey"));
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path, env: new Dictionary<string, string>
        {
            ["OG_LOG_LEVEL"] = "debug", ["OG_SECRET_KEY"] = sessionKey, ["OG_PASTY_ADMIN_TOKEN"] = adminToken,
            ["OG_PASTY_REPORTS_ENABLED"] = "true", ["OG_PASTY_REPORTS_WEBHOOK"] = webhook.Url,
            ["OG_PASTY_REPORTS_WEBHOOK_TOKEN"] = webhookToken, ["OG_PASTY_RATE_LIMIT"] = "off",
        });

        // The command line, against the running server's home: a password on stdin, a token printed once.
        var cliPassword = Remember(Secret("clipassword"));
        var created = await PasteLiteProcess.RunAsync(["user", "create", "alice", "--password-stdin", "--home", home.Path], cliPassword + "\n");
        Assert.Equal(0, created.ExitCode);
        Assert.DoesNotContain(cliPassword, created.Out + created.Error);
        var cliToken = await PasteLiteProcess.RunAsync(["token", "create", "laptop", "--user", "alice", "--scopes", "gist:write,user:read", "--home", home.Path]);
        Assert.Equal(0, cliToken.ExitCode);
        var token = Remember(cliToken.Out.Trim());
        Assert.StartsWith("og_", token);

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseUrl };
        await GistApiAsync(http, token, Remember);
        await PastesAsync(http, adminToken, Remember);
        await WebAsync(server.BaseUrl, cliPassword, Remember);
        await QueriesAsync(http, Remember);

        // The report went out with the webhook token, so that secret was really in play.
        Assert.Contains(webhook.Calls, call => call.Authorization == "Bearer " + webhookToken);

        Assert.Equal(0, await server.TerminateAsync());
        var printed = server.Output + "\n" + server.Errors;
        Assert.Contains("POST /-/login 302", printed);       // the request log was on: the test saw every request
        Assert.Contains("Executing endpoint", printed);      // and so was the framework's debug-level chatter
        var leaked = secrets.Where(s => printed.Contains(s, StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, $"the log holds {string.Join(", ", leaked)}:\n{printed}");
        // Hashes are secrets' stand-ins in the database: not in the log either.
        foreach (var hash in TestDatabase.Query<string>(home.DatabasePath, "SELECT token_hash FROM access_tokens UNION ALL SELECT token_hash FROM sessions"))
            Assert.DoesNotContain(hash, printed);
    }

    /// <summary>Personal access tokens: valid and invalid, as Bearer and as GitHub's `token` scheme.</summary>
    private static async Task GistApiAsync(HttpClient http, string token, Func<string, string> remember)
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Get, "/api/user", "Bearer " + token)).StatusCode);
        var gist = await SendAsync(http, HttpMethod.Post, "/api/gists", "token " + token,
            new StringContent("""{"public":true,"files":{"a.txt":{"content":"hi"}}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, gist.StatusCode);
        var invalid = remember("og_" + Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, HttpMethod.Get, "/api/user", "Bearer " + invalid)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, HttpMethod.Get, "/api/gists", "token " + remember(Secret("garbage")))).StatusCode);
    }

    /// <summary>Modification tokens from pasty's JSON body, the terminal's header and the web form; used, wrong, and the admin token.</summary>
    private static async Task PastesAsync(HttpClient http, string adminToken, Func<string, string> remember)
    {
        var pasty = await http.PostAsync("/api/v2/pastes", new StringContent("""{"content":"hello"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, pasty.StatusCode);
        using var body = JsonDocument.Parse(await pasty.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetString()!;
        var modification = remember(body.RootElement.GetProperty("modificationToken").GetString()!);
        var patch = new StringContent("""{"content":"changed"}""", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Patch, $"/api/v2/pastes/{id}", "Bearer " + modification, patch)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, HttpMethod.Delete, $"/api/v2/pastes/{id}", "Bearer " + remember(Secret("wrongmod")))).StatusCode);
        var report = await http.PostAsync($"/api/v2/pastes/{id}/report", new StringContent("""{"reason":"spam"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Delete, $"/api/v2/pastes/{id}", "Bearer " + adminToken)).StatusCode);

        var terminal = await http.PostAsync("/", new StringContent("from curl"));
        Assert.Equal(HttpStatusCode.Created, terminal.StatusCode);
        var terminalToken = remember(terminal.Headers.GetValues("X-Modification-Token").Single());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Delete, terminal.Headers.Location!.AbsolutePath, "Bearer " + terminalToken)).StatusCode);
    }

    /// <summary>Passwords in forms (login right and wrong, register, change), the session and anti-forgery cookies, a token made on a page.</summary>
    private static async Task WebAsync(Uri baseUrl, string alicePassword, Func<string, string> remember)
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/-/login")).StatusCode);
        var csrf = remember(cookies.GetCookies(baseUrl)["pastelite_csrf"]!.Value);
        Task<HttpResponseMessage> Post(string path, params (string, string)[] fields) => browser.PostAsync(path,
            new FormUrlEncodedContent(fields.Append(("_csrf", csrf)).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));

        Assert.Equal(HttpStatusCode.Unauthorized, (await Post("/-/login", ("username", "alice"), ("password", remember(Secret("wrongpassword"))))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Post("/-/login", ("username", "alice"), ("password", alicePassword))).StatusCode);
        remember(cookies.GetCookies(baseUrl)["pastelite_session"]!.Value);
        var newPassword = remember(Secret("newpassword"));
        var changed = await Post("/-/settings/password", ("current", alicePassword), ("password", newPassword));
        Assert.True(changed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"password change: {(int)changed.StatusCode}");

        var made = await Post("/-/settings/access-tokens", ("name", "web"), ("scope_gist", "2"), ("scope_user", "1"));
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var tokenPage = await browser.GetStringAsync(made.Headers.Location);
        remember(WebToken().Match(tokenPage).Groups[1].Value);

        var paste = await Post("/-/pastes", ("content", "from the page"));
        Assert.True(paste.IsSuccessStatusCode, $"web paste: {(int)paste.StatusCode}");
        remember(NewModificationToken().Match(await paste.Content.ReadAsStringAsync()).Groups[1].Value);

        Assert.Equal(HttpStatusCode.Redirect, (await Post("/-/logout")).StatusCode);
        var stranger = new CookieContainer();
        using var registering = new HttpClient(new HttpClientHandler { CookieContainer = stranger, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
        await registering.GetAsync("/-/register");
        var strangerCsrf = remember(stranger.GetCookies(baseUrl)["pastelite_csrf"]!.Value);
        var registered = await registering.PostAsync("/-/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "bob", ["email"] = "bob@example.org", ["password"] = remember(Secret("registerpassword")), ["_csrf"] = strangerCsrf,
        }));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        remember(stranger.GetCookies(baseUrl)["pastelite_session"]!.Value);
        // A stale or forged session cookie is a secret too, as far as the log knows.
        var forged = new HttpRequestMessage(HttpMethod.Get, "/-/settings");
        forged.Headers.Add("Cookie", "pastelite_session=" + remember(Secret("forgedsession")));
        using var cookieless = new HttpClient { BaseAddress = baseUrl };
        await cookieless.SendAsync(forged);
    }

    /// <summary>Secrets in query strings: on a plain route, a 404, a login redirect (which carries the query along) and raw.</summary>
    private static async Task QueriesAsync(HttpClient http, Func<string, string> remember)
    {
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthcheck?access_token=" + remember(Secret("query")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/nothing-here?token=" + remember(Secret("query404")))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync("/-/settings?key=" + remember(Secret("queryredirect")))).StatusCode);
        var paste = await http.PostAsync("/", new StringContent("raw"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(paste.Headers.Location!.AbsolutePath + "/raw?secret=" + remember(Secret("queryraw")))).StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string authorization, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return http.SendAsync(request);
    }

    [GeneratedRegex("id=\"new-token\">(og_[A-Za-z0-9_-]+)<")]
    private static partial Regex WebToken();

    [GeneratedRegex("id=\"new-token\">([^<]+)<")]
    private static partial Regex NewModificationToken();
}
