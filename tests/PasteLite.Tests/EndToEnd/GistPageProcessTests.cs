using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd;

/// <summary>The gist pages in the published, trimmed binary: Markdown (Markdig), diffs and the owner-name route constraint survive trimming.</summary>
public sealed class GistPageProcessTests
{
    [Fact]
    public async Task A_gist_made_through_the_api_reads_in_the_browser_with_markdown_and_revisions()
    {
        using var home = new TestHome();
        Assert.Equal(0, (await PasteLiteProcess.RunAsync(["user", "create", "alice", "--password-stdin", "--home", home.Path], "pw\n")).ExitCode);
        var token = (await PasteLiteProcess.RunAsync(["token", "create", "e2e", "--user", "alice", "--scopes", "gist:write", "--home", home.Path])).Out.Trim();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path);
        using var api = new HttpClient { BaseAddress = new Uri(server.BaseUrl, "/api/") };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);

        var created = await api.PostAsync("gists", new StringContent(
            """{"public":true,"files":{"README.md":{"content":"# Notes\n\n<script>alert(1)</script>\n\n| a |\n|--:|\n| 1 |\n"},"x.py":{"content":"a = 1\nb = 2\n"}}}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var gist = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = gist.RootElement.GetProperty("id").GetString()!;
        var htmlUrl = gist.RootElement.GetProperty("html_url").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync($"gists/{id}", new StringContent(
            """{"files":{"x.py":{"content":"a = 1\nb = 3\n"}}}""", Encoding.UTF8, "application/json"))).StatusCode);

        using var browser = new HttpClient();
        var page = await browser.GetAsync(htmlUrl);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h1>Notes</h1>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("<th class=\"align-right\">a</th>", html);
        Assert.Contains("a = 1\nb = 3\n</code>", html);

        var revisions = await browser.GetStringAsync(htmlUrl + "/revisions");
        Assert.Contains("<span class=\"del\">-b = 2</span><span class=\"add\">+b = 3</span>", revisions);
        Assert.Contains($"/alice/{id}", await browser.GetStringAsync(new Uri(server.BaseUrl, "/all")));
        // Instance paths are not owner names: unknown API paths keep their JSON 404.
        var unknown = await browser.GetAsync(new Uri(server.BaseUrl, "/api/no/such"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/json", unknown.Content.Headers.ContentType?.MediaType);
    }
}
