using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd;

/// <summary>The Gist API in the published binary, driven the way a GitHub Gist client drives it.</summary>
public sealed class GistProcessTests
{
    private static async Task<string> TokenAsync(TestHome home, string scopes)
    {
        Assert.Equal(0, (await PasteLiteProcess.RunAsync(["user", "create", "alice", "--password-stdin", "--email", "alice@example.org", "--home", home.Path], "pw\n")).ExitCode);
        var token = await PasteLiteProcess.RunAsync(["token", "create", "e2e", "--user", "alice", "--scopes", scopes, "--home", home.Path]);
        Assert.Equal(0, token.ExitCode);
        return token.Out.Trim();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_github_client_creates_edits_stars_reads_history_and_deletes_a_secret_gist()
    {
        using var home = new TestHome();
        var token = await TokenAsync(home, "gist:write,user:write");
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl, "/api/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);

        var created = await http.PostAsync("gists", Json("""{"description":"notes","public":false,"files":{"notes.txt":{"content":"one\ntwo\n"}}}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var gist = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = gist.RootElement.GetProperty("id").GetString()!;
        Assert.Equal("unlisted", gist.RootElement.GetProperty("visibility").GetString());
        Assert.Equal(created.Headers.Location!.ToString(), gist.RootElement.GetProperty("url").GetString());

        var patched = await http.PatchAsync($"gists/{id}", Json("""{"files":{"notes.txt":{"content":"one\nthree\n"}}}"""));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        using var edited = JsonDocument.Parse(await patched.Content.ReadAsStringAsync());
        var history = edited.RootElement.GetProperty("history");
        Assert.Equal(2, history.GetArrayLength());
        var first = history[1].GetProperty("version").GetString()!;
        var rawUrl = edited.RootElement.GetProperty("files").GetProperty("notes.txt").GetProperty("raw_url").GetString()!;

        Assert.Equal("one\nthree\n", await http.GetStringAsync(rawUrl));
        using (var old = JsonDocument.Parse(await http.GetStringAsync($"gists/{id}/{first}")))
            Assert.Equal("one\ntwo\n", old.RootElement.GetProperty("files").GetProperty("notes.txt").GetProperty("content").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await http.PutAsync($"gists/{id}/star", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.PutAsync($"gists/{id}/star", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.GetAsync($"gists/{id}/star")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"gists/{id}/star")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"gists/{id}/star")).StatusCode);
        Assert.DoesNotContain(id, await new HttpClient().GetStringAsync(new Uri(server.BaseUrl, "/api/gists/public")));
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"gists/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"gists/{id}")).StatusCode);
    }

    [Fact]
    public async Task Lists_page_with_link_headers_and_the_spec_is_served()
    {
        using var home = new TestHome();
        var token = await TokenAsync(home, "gist:write");
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl, "/api/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("gists", Json("{\"files\":{\"f" + i + ".txt\":{\"content\":\"x\"}}}"))).StatusCode);

        var page = await http.GetAsync("gists/public?per_page=2");
        var spec = await http.GetAsync("openapi.yaml");

        Assert.Equal("3", page.Headers.GetValues("X-Total").Single());
        Assert.Contains("rel=\"next\"", page.Headers.GetValues("Link").Single());
        Assert.Equal(2, JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement.GetArrayLength());
        Assert.StartsWith("openapi: '3.1", await spec.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_disabled_api_answers_403_but_serves_its_spec()
    {
        using var home = new TestHome();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path, env: new Dictionary<string, string> { ["OG_API_ENABLED"] = "false" });
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var gists = await http.GetAsync("/api/gists");

        Assert.Equal(HttpStatusCode.Forbidden, gists.StatusCode);
        Assert.Equal("API is disabled", JsonDocument.Parse(await gists.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/openapi.yaml")).StatusCode);
    }
}

/// <summary>Absolute links follow X-Forwarded-Proto and X-Forwarded-Host only from a trusted proxy.</summary>
public sealed class ForwardedLinkProcessTests
{
    private static async Task<string> LocationAsync(IReadOnlyDictionary<string, string>? env)
    {
        using var home = new TestHome();
        Assert.Equal(0, (await PasteLiteProcess.RunAsync(["user", "create", "alice", "--password-stdin", "--home", home.Path], "pw\n")).ExitCode);
        var token = (await PasteLiteProcess.RunAsync(["token", "create", "e2e", "--user", "alice", "--scopes", "gist:write", "--home", home.Path])).Out.Trim();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path, env: env);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUrl, "/api/gists"))
        {
            Content = new StringContent("""{"files":{"a.txt":{"content":"x"}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "paste.example.org");
        var response = await new HttpClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    [Fact]
    public async Task Links_use_the_forwarded_origin_from_a_trusted_proxy_only()
    {
        var trusted = await LocationAsync(new Dictionary<string, string> { ["OG_HTTP_TRUSTED_PROXIES"] = "127.0.0.0/8" });
        var untrusted = await LocationAsync(null);

        Assert.StartsWith("https://paste.example.org/api/gists/", trusted);
        Assert.StartsWith("http://127.0.0.1:", untrusted);
    }
}
