using System.Net;
using System.Text;
using System.Text.Json;
using PasteLite.Tests.Pasty;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd;

/// <summary>pasty's API on dist/pastelite: the trimmed single file must serialize, bind, merge and relay like the tests in-process.</summary>
public sealed class PastyProcessTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Create_get_patch_raw_and_delete_with_the_modification_token()
    {
        using var home = new TestHome();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var create = await http.PostAsync("/api/v2/pastes", Json("{\"content\":\"print(1) <b>\",\"metadata\":{\"lang\":\"py\",\"n\":{\"x\":[1,2.50]}}}"));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        using var created = JsonDocument.Parse(await create.Content.ReadAsStringAsync());
        var id = created.RootElement.GetProperty("id").GetString()!;
        var token = created.RootElement.GetProperty("modificationToken").GetString()!;

        using var got = JsonDocument.Parse(await http.GetStringAsync($"/api/v2/pastes/{id}"));
        Assert.Equal("print(1) <b>", got.RootElement.GetProperty("content").GetString());
        Assert.Equal("{\"lang\":\"py\",\"n\":{\"x\":[1,2.50]}}", got.RootElement.GetProperty("metadata").GetRawText());

        var unauthorized = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v2/pastes/{id}") { Content = Json("{\"content\":\"no\"}") });
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("unauthorized", await unauthorized.Content.ReadAsStringAsync());

        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v2/pastes/{id}") { Content = Json("{\"content\":\"print(2)\",\"metadata\":{\"lang\":null,\"v\":2}}") };
        patch.Headers.Add("Authorization", $"Bearer {token}");
        var patched = await http.SendAsync(patch);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        using (var body = JsonDocument.Parse(await patched.Content.ReadAsStringAsync()))
            Assert.Equal("{\"n\":{\"x\":[1,2.50]},\"v\":2}", body.RootElement.GetProperty("metadata").GetRawText());

        var raw = await http.GetAsync($"/{id}/raw");
        Assert.Equal("text/plain; charset=utf-8", raw.Content.Headers.ContentType?.ToString());
        Assert.Equal("nosniff", string.Join(",", raw.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("print(2)", await raw.Content.ReadAsStringAsync());

        var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v2/pastes/{id}");
        delete.Headers.Add("Authorization", $"Bearer {token}");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(delete)).StatusCode);
        var gone = await http.GetAsync($"/api/v2/pastes/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("paste not found", await gone.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Info_bad_json_and_pastys_variables_work_in_the_binary()
    {
        using var home = new TestHome();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path, env: new Dictionary<string, string>
        {
            ["PASTY_MODIFICATION_TOKEN_MASTER"] = "pasty-master",
            ["PASTY_AUTODELETE"] = "true",
            ["PASTY_AUTODELETE_LIFETIME"] = "1h",
            ["PASTY_ID_LENGTH"] = "10",
        });
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        using (var info = JsonDocument.Parse(await http.GetStringAsync("/api/v2/info")))
            Assert.Equal(3_600_000, info.RootElement.GetProperty("pasteLifetime").GetInt64());
        var bad = await http.PostAsync("/api/v2/pastes", Json("{\"content\":1}"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("invalid request body: content must be a string", await bad.Content.ReadAsStringAsync());

        var create = await http.PostAsync("/api/v2/pastes", Json("{\"content\":\"x\"}"));
        using var created = JsonDocument.Parse(await create.Content.ReadAsStringAsync());
        var id = created.RootElement.GetProperty("id").GetString()!;
        Assert.Equal(10, id.Length);
        var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v2/pastes/{id}");
        delete.Headers.Add("Authorization", "Bearer pasty-master");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(delete)).StatusCode);
    }

    [Fact]
    public async Task Rate_limit_headers_and_429_per_client_behind_a_trusted_proxy()
    {
        using var home = new TestHome();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path,
            ["--config", home.WriteFile("config.yml", "pasty.rate-limit: 3-M\nhttp.trusted-proxies: 127.0.0.1\n")]);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        Task<HttpResponseMessage> Get(string client)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/pastes/nope42");
            request.Headers.Add("X-Forwarded-For", client);
            return http.SendAsync(request);
        }

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) responses.Add(await Get("198.51.100.1"));
        var other = await Get("198.51.100.2");

        Assert.Equal(["3", "3", "3", "3"], responses.Select(r => string.Join(",", r.Headers.GetValues("X-RateLimit-Limit"))));
        Assert.Equal(["2", "1", "0", "0"], responses.Select(r => string.Join(",", r.Headers.GetValues("X-RateLimit-Remaining"))));
        Assert.True(long.Parse(string.Join(",", responses[0].Headers.GetValues("X-RateLimit-Reset"))) > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(HttpStatusCode.NotFound, responses[2].StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, responses[3].StatusCode);
        Assert.Equal("Limit exceeded", await responses[3].Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode); // another client behind the proxy has its own window
        Assert.Equal("2", string.Join(",", other.Headers.GetValues("X-RateLimit-Remaining")));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v2/info")).StatusCode);
    }

    [Fact]
    public async Task Reports_reach_a_real_webhook_and_the_answer_comes_back()
    {
        await using var webhook = await WebhookListener.AnsweringAsync(200, "{\"success\":true,\"message\":\"received\"}");
        using var home = new TestHome();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path, env: new Dictionary<string, string>
        {
            ["PASTY_REPORTS"] = "true",
            ["PASTY_REPORT_WEBHOOK"] = webhook.Url,
            ["PASTY_REPORT_WEBHOOK_TOKEN"] = "hook-secret",
        });
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var create = await http.PostAsync("/api/v2/pastes", Json("{\"content\":\"spam\"}"));
        using var created = JsonDocument.Parse(await create.Content.ReadAsStringAsync());
        var id = created.RootElement.GetProperty("id").GetString()!;

        var report = await http.PostAsync($"/api/v2/pastes/{id}/report", Json("{\"reason\":\"it is spam\"}"));

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("{\"success\":true,\"message\":\"received\"}", await report.Content.ReadAsStringAsync());
        var call = Assert.Single(webhook.Calls);
        Assert.Equal("Bearer hook-secret", call.Authorization);
        Assert.Equal($"{{\"paste\":\"{id}\",\"reason\":\"it is spam\"}}", call.Body);
    }
}
