using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PasteLite.Tests.GistApi;

/// <summary>
/// Stock GitHub Gist clients (§13, DESIGN): requests sent exactly as Octokit sends them (lower-case `token` scheme,
/// `application/vnd.github+json`, the API version header, a charset on the body), against base URL `{host}/api`.
/// </summary>
public sealed class GitHubClientFlowTests
{
    /// <summary>What `@octokit/rest` puts on the wire.</summary>
    private sealed class GitHubClient(ApiFixture api, string token)
    {
        public Task<HttpResponseMessage> Send(HttpMethod method, string route, string? json = null)
        {
            var request = new HttpRequestMessage(method, route.StartsWith("http", StringComparison.Ordinal) ? route : "/api" + route);
            request.Headers.TryAddWithoutValidation("Accept", "application/vnd.github+json");
            request.Headers.TryAddWithoutValidation("Authorization", $"token {token}");
            request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", "2022-11-28");
            request.Headers.TryAddWithoutValidation("User-Agent", "octokit-rest.js/21.0.0 octokit-core.js/6.1.2 Node.js/22");
            if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            return api.Client.SendAsync(request);
        }

        public async Task<JsonElement> Json(HttpMethod method, string route, HttpStatusCode expected, string? json = null)
        {
            var response = await Send(method, route, json);
            await Api.AssertStatus(response, expected);
            return await Api.Json(response);
        }

        /// <summary>octokit.paginate: follow rel="next" until there is none.</summary>
        public async Task<List<JsonElement>> Paginate(string route)
        {
            var items = new List<JsonElement>();
            for (string? url = route; url is not null;)
            {
                var response = await Send(HttpMethod.Get, url);
                await Api.AssertStatus(response, HttpStatusCode.OK);
                items.AddRange((await Api.Json(response)).EnumerateArray());
                url = Api.Links(response).GetValueOrDefault("next");
                Assert.True(items.Count < 1000, "pagination does not end");
            }
            return items;
        }
    }

    [Fact]
    public async Task Secret_gist_lifecycle_as_a_github_client()
    {
        await using var api = await ApiFixture.StartAsync();
        var me = api.Account("octocat");
        var gh = new GitHubClient(api, me.Full);

        // gists.create({ description, public: false, files })
        var created = await gh.Json(HttpMethod.Post, "/gists", HttpStatusCode.Created,
            """{"description":"my secret","public":false,"files":{"hello.py":{"content":"print('hi')\n"}}}""");
        var id = created.Str("id");
        Assert.False(created.GetProperty("public").GetBoolean());
        Assert.Equal("unlisted", created.Str("visibility"));
        Assert.Equal("my secret", created.Str("description"));

        // Secret: not listed publicly, readable by id without auth.
        Assert.DoesNotContain(id, Api.Ids(await api.GetJson("/api/gists/public")));
        Assert.Equal(id, (await api.GetJson($"/api/gists/{id}")).Str("id"));
        Assert.Contains(id, (await gh.Paginate("/gists")).Select(g => g.Str("id")));

        // gists.update: new content for one file.
        var updated = await gh.Json(HttpMethod.Patch, $"/gists/{id}", HttpStatusCode.OK,
            """{"description":"updated","files":{"hello.py":{"content":"print('hello')\n"}}}""");
        Assert.Equal(("updated", "unlisted"), (updated.Str("description"), updated.Str("visibility")));

        // gists.get, then the file through raw_url as a client downloads a truncated file.
        var gist = await gh.Json(HttpMethod.Get, $"/gists/{id}", HttpStatusCode.OK);
        Assert.Equal($"/api/gists/{id}", new Uri(gist.Str("url")).AbsolutePath);
        var raw = await gh.Send(HttpMethod.Get, gist.GetProperty("files").GetProperty("hello.py").Str("raw_url"));
        await Api.AssertStatus(raw, HttpStatusCode.OK);
        Assert.Equal("print('hello')\n", await raw.Content.ReadAsStringAsync());

        // gists.getRevision with the versions from history, newest first.
        var history = gist.GetProperty("history");
        Assert.Equal(2, history.GetArrayLength());
        var newest = await gh.Json(HttpMethod.Get, $"/gists/{id}/{history[0].Str("version")}", HttpStatusCode.OK);
        Assert.Equal("print('hello')\n", newest.GetProperty("files").GetProperty("hello.py").Str("content"));
        var oldest = await gh.Json(HttpMethod.Get, history[1].Str("url"), HttpStatusCode.OK);
        Assert.Equal("print('hi')\n", oldest.GetProperty("files").GetProperty("hello.py").Str("content"));
        var change = history[0].GetProperty("change_status");
        Assert.Equal((1, 1, 2), (change.GetProperty("additions").GetInt32(), change.GetProperty("deletions").GetInt32(),
            change.GetProperty("total").GetInt32()));
        Assert.Equal("octocat", history[0].GetProperty("user").Str("login"));

        // gists.listCommits
        var commits = await gh.Json(HttpMethod.Get, $"/gists/{id}/commits", HttpStatusCode.OK);
        Assert.Equal(history.EnumerateArray().Select(h => h.Str("version")), commits.EnumerateArray().Select(c => c.Str("version")));

        // gists.delete
        await Api.AssertStatus(await gh.Send(HttpMethod.Delete, $"/gists/{id}"), HttpStatusCode.NoContent);
        var gone = await gh.Send(HttpMethod.Get, $"/gists/{id}");
        await Api.AssertError(gone, 404, "Gist not found");
    }

    [Fact]
    public async Task Star_check_unstar_as_a_github_client()
    {
        await using var api = await ApiFixture.StartAsync();
        var author = api.Account("author");
        var me = api.Account("octocat");
        var gh = new GitHubClient(api, me.Full);
        var id = await api.CreateGist(author.Full);

        await Api.AssertStatus(await gh.Send(HttpMethod.Get, $"/gists/{id}/star"), HttpStatusCode.NotFound);   // checkIsStarred
        await Api.AssertStatus(await gh.Send(HttpMethod.Put, $"/gists/{id}/star"), HttpStatusCode.NoContent);  // star
        await Api.AssertStatus(await gh.Send(HttpMethod.Put, $"/gists/{id}/star"), HttpStatusCode.NoContent);  // star again: still starred
        await Api.AssertStatus(await gh.Send(HttpMethod.Get, $"/gists/{id}/star"), HttpStatusCode.NoContent);
        Assert.Equal([id], (await gh.Paginate("/gists/starred")).Select(g => g.Str("id")));               // listStarred
        await Api.AssertStatus(await gh.Send(HttpMethod.Delete, $"/gists/{id}/star"), HttpStatusCode.NoContent); // unstar
        await Api.AssertStatus(await gh.Send(HttpMethod.Get, $"/gists/{id}/star"), HttpStatusCode.NotFound);
        Assert.Empty(await gh.Paginate("/gists/starred"));
    }

    [Fact]
    public async Task Paginate_lists_and_user_calls_as_a_github_client()
    {
        await using var api = await ApiFixture.StartAsync();
        var me = api.Account("octocat");
        var gh = new GitHubClient(api, me.Full);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var body = new JsonObject
            {
                ["description"] = $"g{i}", ["public"] = i % 2 == 0,
                ["files"] = new JsonObject { ["f.txt"] = new JsonObject { ["content"] = $"{i}" } },
            };
            ids.Add((await gh.Json(HttpMethod.Post, "/gists", HttpStatusCode.Created, body.ToJsonString())).Str("id"));
        }

        Assert.Equal(ids.Order(), (await gh.Paginate("/gists?per_page=2")).Select(g => g.Str("id")).Order());
        Assert.Equal(new[] { ids[0], ids[2], ids[4] }.Order(), (await gh.Paginate("/gists/public?per_page=1")).Select(g => g.Str("id")).Order());
        // Opengist's rule (§5): the user themself with gist:read sees all their own gists, secret ones included.
        Assert.Equal(ids.Order(), (await gh.Paginate("/users/octocat/gists?per_page=2")).Select(g => g.Str("id")).Order());
        Assert.Equal(new[] { ids[0], ids[2], ids[4] }.Order(),
            Api.Ids(await api.GetJson("/api/users/octocat/gists")).Order());

        var user = await gh.Json(HttpMethod.Get, "/user", HttpStatusCode.OK);                      // users.getAuthenticated
        Assert.Equal(("octocat", "octocat@example.com"), (user.Str("login"), user.Str("email")));
        Assert.Equal("octocat", (await gh.Json(HttpMethod.Get, "/users/octocat", HttpStatusCode.OK)).Str("login"));
    }

    [Fact]
    public async Task Fork_as_a_github_client()
    {
        await using var api = await ApiFixture.StartAsync();
        var author = api.Account("author");
        var me = api.Account("octocat");
        var gh = new GitHubClient(api, me.Full);
        var id = await api.CreateGist(author.Full);

        var fork = await gh.Json(HttpMethod.Post, $"/gists/{id}/forks", HttpStatusCode.Created);   // gists.fork

        Assert.Equal("octocat", fork.GetProperty("owner").Str("login"));
        Assert.Equal([fork.Str("id")], (await gh.Paginate($"/gists/{id}/forks")).Select(g => g.Str("id")));
        var error = await gh.Send(HttpMethod.Post, $"/gists/{fork.Str("id")}/forks");
        await Api.AssertError(error, 422, "cannot fork your own gist");
    }
}
