using System.Net;
using System.Text.Json;

namespace PasteLite.Tests.GistApi;

/// <summary>GET /api/gists/{id}: upstream's gist_test (§11), the wire shape (§3) with DESIGN's GitHub fields, truncation and expiry.</summary>
public sealed class GistReadTests
{
    [Theory]
    [InlineData("public", "anonymous", 200)]
    [InlineData("public", "owner-no-scope", 200)]
    [InlineData("public", "owner-gist-read", 200)]
    [InlineData("public", "other", 200)]
    [InlineData("unlisted", "anonymous", 200)]
    [InlineData("unlisted", "owner-no-scope", 200)]
    [InlineData("unlisted", "owner-gist-read", 200)]
    [InlineData("unlisted", "other", 200)]
    [InlineData("private", "anonymous", 404)]
    [InlineData("private", "owner-no-scope", 404)]
    [InlineData("private", "owner-gist-read", 200)]
    [InlineData("private", "other", 404)]
    public async Task Get_gist_access_matrix(string visibility, string viewer, int expected)
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var other = api.Account("other");
        var id = await api.CreateGist(owner.Full, visibility: visibility);
        var token = Account.ForViewer(viewer, owner, other);

        var response = await api.Get($"/api/gists/{id}", token);

        if (expected == 200)
        {
            await Api.AssertStatus(response, HttpStatusCode.OK);
            Assert.Equal(id, (await Api.Json(response)).Str("id"));
        }
        else
        {
            await Api.AssertError(response, 404, "Gist not found");
        }
    }

    [Fact]
    public async Task Gist_has_opengist_and_github_fields()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full, title: "Test");

        var gist = await api.GetJson($"/api/gists/{id}");

        Assert.Matches("^[0-9a-f]{32}$", gist.Str("id"));
        Assert.Equal(id, gist.Str("slug_url"));
        Assert.Equal("Test", gist.Str("title"));
        Assert.Equal("", gist.Str("description"));
        Assert.Equal("public", gist.Str("visibility"));
        Assert.True(gist.GetProperty("public").GetBoolean());
        Assert.Equal(0, gist.GetProperty("like_count").GetInt32());
        Assert.Equal(0, gist.GetProperty("fork_count").GetInt32());
        AssertOwner(gist.GetProperty("owner"), owner);
        Assert.Contains($"/owner/{id}", gist.Str("html_url"));
        Assert.Equal(JsonValueKind.String, gist.GetProperty("clone_url").ValueKind);
        Assert.Equal(JsonValueKind.String, gist.GetProperty("ssh_url").ValueKind);
        Assert.Empty(gist.GetProperty("topics").EnumerateArray());
        Assert.False(gist.GetProperty("archived").GetBoolean());
        Api.AssertRecentTimestamp(gist.GetProperty("created_at"));
        Api.AssertRecentTimestamp(gist.GetProperty("updated_at"));
        Assert.Equal(JsonValueKind.Null, gist.GetProperty("expires_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, gist.GetProperty("fork_of").ValueKind);
        Assert.Empty(gist.GetProperty("forks").EnumerateArray());
        Assert.False(gist.GetProperty("truncated").GetBoolean());
        Assert.EndsWith($"/api/gists/{id}", gist.Str("url"));
        Assert.StartsWith("http", gist.Str("url"));

        var file = gist.GetProperty("files").GetProperty("file.txt");
        Assert.Single(gist.GetProperty("files").EnumerateObject());
        Assert.Equal("file.txt", file.Str("filename"));
        Assert.Equal("hello", file.Str("content"));
        Assert.False(file.GetProperty("truncated").GetBoolean());
        Assert.Equal("utf-8", file.Str("encoding"));
        Assert.Equal(5, file.GetProperty("size").GetInt32());
        Assert.Equal("text/plain", file.Str("type"));
        Assert.Equal("Text", file.Str("language"));
        var raw = await api.Get(file.Str("raw_url"));
        await Api.AssertStatus(raw, HttpStatusCode.OK);
        Assert.Equal("hello", await raw.Content.ReadAsStringAsync());

        var commit = Assert.Single(gist.GetProperty("commits").EnumerateArray());
        var version = commit.Str("version");
        Assert.Matches("^[0-9a-f]{40}$", version);
        var history = gist.GetProperty("history");
        Assert.NotEmpty(history.EnumerateArray());
        var first = history[0];
        Assert.Equal(version, first.Str("version"));
        Assert.EndsWith($"/api/gists/{id}/{version}", first.Str("url"));
        Api.AssertRecentTimestamp(first.GetProperty("committed_at"));
        Assert.Equal("owner", first.GetProperty("user").Str("login"));
        var change = first.GetProperty("change_status");
        Assert.Equal(1, change.GetProperty("additions").GetInt32());
        Assert.Equal(0, change.GetProperty("deletions").GetInt32());
        Assert.Equal(1, change.GetProperty("total").GetInt32());
    }

    internal static void AssertOwner(JsonElement user, Account account)
    {
        Assert.Equal(account.Id, user.GetProperty("id").GetInt64());
        Assert.NotEqual(0, user.GetProperty("id").GetInt64());
        Assert.Equal(account.Name, user.Str("login"));
        Assert.Equal(account.Name, user.Str("username"));
        Assert.Equal("User", user.Str("type"));
        Assert.Equal(JsonValueKind.String, user.GetProperty("avatar_url").ValueKind);
        Api.AssertRecentTimestamp(user.GetProperty("created_at"));
        Assert.False(user.Has("email"), "a SimpleUser carries no email");
    }

    [Fact]
    public async Task Urls_are_built_on_the_external_url()
    {
        await using var api = await ApiFixture.StartAsync("external-url", "https://gist.example.com");
        var owner = api.Account("owner");

        var response = await api.Post("/api/gists", owner.Full, ApiFixture.GistBody());
        await Api.AssertStatus(response, HttpStatusCode.Created);
        var id = (await Api.Json(response)).Str("id");
        var gist = await api.GetJson($"/api/gists/{id}");

        Assert.Equal($"https://gist.example.com/api/gists/{id}", Api.Header(response, "Location"));
        Assert.Equal($"https://gist.example.com/api/gists/{id}", gist.Str("url"));
        Assert.Equal($"https://gist.example.com/owner/{id}", gist.Str("html_url"));
        Assert.StartsWith("https://gist.example.com/", gist.GetProperty("files").GetProperty("file.txt").Str("raw_url"));
        Assert.StartsWith("https://gist.example.com/api/gists/", gist.GetProperty("history")[0].Str("url"));
    }

    [Fact]
    public async Task More_than_50_files_truncate_the_gist()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var files = Enumerable.Range(1, 51).ToDictionary(i => $"f{i:D2}.txt", i => $"content {i}");
        var id = await api.CreateGist(owner.Full, files);

        var gist = await api.GetJson($"/api/gists/{id}");

        Assert.True(gist.GetProperty("truncated").GetBoolean());
        Assert.InRange(gist.GetProperty("files").EnumerateObject().Count(), 1, 50);
    }

    [Fact]
    public async Task File_over_512_KiB_is_truncated_but_raw_is_whole()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var big = string.Concat(Enumerable.Repeat("0123456789abcdef", (512 + 1) * 1024 / 16));
        var id = await api.CreateGist(owner.Full, new Dictionary<string, string> { ["big.txt"] = big, ["small.txt"] = "s" });

        var gist = await api.GetJson($"/api/gists/{id}");

        var file = gist.GetProperty("files").GetProperty("big.txt");
        Assert.True(file.GetProperty("truncated").GetBoolean());
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(file.Str("content")), 1, 524288);
        Assert.Equal(big.Length, file.GetProperty("size").GetInt32());
        Assert.False(gist.GetProperty("files").GetProperty("small.txt").GetProperty("truncated").GetBoolean());
        Assert.False(gist.GetProperty("truncated").GetBoolean());
        var raw = await api.Get(file.Str("raw_url"));
        await Api.AssertStatus(raw, HttpStatusCode.OK);
        Assert.Equal(big, await raw.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("not-a-gist")]
    public async Task Unknown_gist_is_404(string id)
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        await api.CreateGist(owner.Full);

        await Api.AssertError(await api.Get($"/api/gists/{id}", owner.Full), 404, "Gist not found");
        await Api.AssertError(await api.Get($"/api/gists/{id}/commits", owner.Full), 404, "Gist not found");
    }

    [Fact]
    public async Task Expired_gist_is_404_and_unlisted_from_the_moment_it_expires()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var keeper = await api.CreateGist(owner.Full);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3);
        var body = ApiFixture.GistBody();
        body["expires_at"] = Api.Rfc3339(expiresAt);
        var created = await api.CreateGistJson(owner.Full, body);
        var id = created.Str("id");
        var version = created.GetProperty("commits")[0].Str("version");

        Assert.Equal(Api.Rfc3339(expiresAt), (await api.GetJson($"/api/gists/{id}")).Str("expires_at"));
        Assert.Contains(id, Api.Ids(await api.GetJson("/api/gists/public")));

        var wait = expiresAt.AddMilliseconds(1500) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);

        await Api.AssertError(await api.Get($"/api/gists/{id}", owner.Full), 404, "Gist not found");
        await Api.AssertError(await api.Get($"/api/gists/{id}/commits", owner.Full), 404, "Gist not found");
        await Api.AssertError(await api.Get($"/api/gists/{id}/files/{version}/file.txt", owner.Full), 404, "Gist not found");
        Assert.Equal([keeper], Api.Ids(await api.GetJson("/api/gists/public")));
        Assert.Equal([keeper], Api.Ids(await api.GetJson("/api/gists", owner.GistRead)));
        Assert.Equal([keeper], Api.Ids(await api.GetJson("/api/users/owner/gists")));
    }
}
