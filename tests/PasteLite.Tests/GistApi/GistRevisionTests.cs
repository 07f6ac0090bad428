using System.Net;
using System.Text.Json;

namespace PasteLite.Tests.GistApi;

/// <summary>
/// Revisions: /commits (gist_commits_test, §11), GET /gists/{id}/{sha} and the raw file route (§2 #9, #10, #15;
/// untested upstream).
/// </summary>
public sealed class GistRevisionTests
{
    [Theory]
    [InlineData("public", "anonymous", 200)]
    [InlineData("public", "other", 200)]
    [InlineData("unlisted", "anonymous", 200)]
    [InlineData("unlisted", "owner-no-scope", 200)]
    [InlineData("private", "anonymous", 404)]
    [InlineData("private", "owner-no-scope", 404)]
    [InlineData("private", "other", 404)]
    [InlineData("private", "owner-gist-read", 200)]
    public async Task Commits_follow_the_gist_access_matrix(string visibility, string viewer, int expected)
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var other = api.Account("other");
        var id = await api.CreateGist(owner.Full, visibility: visibility);
        var token = Account.ForViewer(viewer, owner, other);

        var response = await api.Get($"/api/gists/{id}/commits", token);

        if (expected == 200)
        {
            await Api.AssertStatus(response, HttpStatusCode.OK);
            Assert.Single((await Api.Json(response)).EnumerateArray());
        }
        else
        {
            await Api.AssertError(response, 404, "Gist not found");
        }
    }

    [Fact]
    public async Task Commit_has_version_author_user_and_change_status()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner", "Owner@Example.com");
        var id = await api.CreateGist(owner.Full, new Dictionary<string, string> { ["file.txt"] = "one\ntwo\nthree\n" });

        var response = await api.Get($"/api/gists/{id}/commits");
        await Api.AssertStatus(response, HttpStatusCode.OK);
        var commit = Assert.Single((await Api.Json(response)).EnumerateArray());

        Assert.Matches("^[0-9a-f]{40}$", commit.Str("version"));
        Api.AssertRecentTimestamp(commit.GetProperty("committed_at"));
        Assert.Equal("owner", commit.GetProperty("author").Str("name"));
        Assert.Equal("owner@example.com", commit.GetProperty("author").Str("email"));
        GistReadTests.AssertOwner(commit.GetProperty("user"), owner);
        var change = commit.GetProperty("change_status");
        Assert.Equal(1, change.GetProperty("files_changed").GetInt32());
        Assert.Equal(3, change.GetProperty("additions").GetInt32());
        Assert.Equal(0, change.GetProperty("deletions").GetInt32());
        Assert.Equal(3, change.GetProperty("total").GetInt32());
        Assert.Equal("1", Api.Header(response, "X-Page"));
        Assert.Equal("30", Api.Header(response, "X-Per-Page"));
        Assert.Null(Api.Header(response, "X-Total"));
        Assert.Null(Api.Header(response, "X-Total-Pages"));
        Assert.Null(Api.Header(response, "Link"));
    }

    private static string Content(string text) => "{\"files\":{\"file.txt\":{\"content\":\"" + text + "\"}}}";

    private static async Task<(ApiFixture Api, Account Owner, string Id, List<string> Versions)> FiveRevisions()
    {
        var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full, new Dictionary<string, string> { ["file.txt"] = "v1" });
        for (var v = 2; v <= 5; v++) await api.PatchGist(id, owner.Full, Content($"v{v}"));
        var all = await api.GetJson($"/api/gists/{id}/commits?per_page=100", owner.Full);
        return (api, owner, id, all.EnumerateArray().Select(c => c.Str("version")).ToList());
    }

    [Fact]
    public async Task Commits_paginate_newest_first_without_totals()
    {
        var (api, _, id, versions) = await FiveRevisions();
        await using var _ = api;
        Assert.Equal(5, versions.Distinct().Count());

        var seen = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var response = await api.Get($"/api/gists/{id}/commits?per_page=2&page={page}");
            await Api.AssertStatus(response, HttpStatusCode.OK);
            var items = (await Api.Json(response)).EnumerateArray().Select(c => c.Str("version")).ToList();
            Assert.Equal(page < 3 ? 2 : 1, items.Count);
            Assert.Equal(page.ToString(), Api.Header(response, "X-Page"));
            Assert.Equal("2", Api.Header(response, "X-Per-Page"));
            Assert.Null(Api.Header(response, "X-Total"));
            Assert.Null(Api.Header(response, "X-Total-Pages"));
            var links = Api.Links(response);
            Assert.Equal(page < 3, links.ContainsKey("next"));
            Assert.Equal(page > 1, links.ContainsKey("prev"));
            if (links.TryGetValue("next", out var next))
            {
                Assert.Contains($"/api/gists/{id}/commits?", next);
                Assert.Equal((page + 1).ToString(), Api.Query(next)["page"]);
                Assert.Equal("2", Api.Query(next)["per_page"]);
            }
            if (links.TryGetValue("prev", out var prev)) Assert.Equal((page - 1).ToString(), Api.Query(prev)["page"]);
            seen.AddRange(items);
        }
        Assert.Equal(versions, seen);
    }

    [Fact]
    public async Task Revision_reads_back_exactly_as_it_was_by_full_or_abbreviated_sha()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full, new Dictionary<string, string> { ["a.txt"] = "old a", ["b.txt"] = "old b" });
        var first = await api.HeadVersion(id, owner.Full);
        await api.PatchGist(id, owner.Full, """{"files":{"a.txt":{"filename":"c.txt","content":"new c"},"b.txt":null}}""");
        var second = await api.HeadVersion(id, owner.Full);

        foreach (var sha in new[] { first, first[..7], first[..4], first.ToUpperInvariant() })
        {
            var old = await api.GetJson($"/api/gists/{id}/{sha}");
            Assert.Equal(id, old.Str("id"));
            Assert.Equal(new Dictionary<string, string> { ["a.txt"] = "old a", ["b.txt"] = "old b" },
                old.GetProperty("files").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.Str("content")));
            Assert.Equal(first, Assert.Single(old.GetProperty("commits").EnumerateArray()).Str("version"));
        }
        var current = await api.GetJson($"/api/gists/{id}/{second}");
        Assert.Equal(["c.txt"], current.GetProperty("files").EnumerateObject().Select(f => f.Name));
        Assert.Equal([second, first], current.GetProperty("commits").EnumerateArray().Select(c => c.Str("version")));
    }

    [Theory]
    [InlineData("xyz!", 400, "Invalid revision format")]
    [InlineData("HEAD", 400, "Invalid revision format")]
    [InlineData("abc", 400, "Invalid revision format")]
    [InlineData("0123456789abcdef0123456789abcdef012345678", 400, "Invalid revision format")]
    [InlineData("comments", 400, "Invalid revision format")]
    [InlineData("deadbeef", 404, "Revision not found")]
    [InlineData("0000000000000000000000000000000000000000", 404, "Revision not found")]
    public async Task Bad_or_unknown_revision(string sha, int status, string message)
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full);

        await Api.AssertError(await api.Get($"/api/gists/{id}/{Uri.EscapeDataString(sha)}"), status, message);
    }

    [Fact]
    public async Task Hidden_gist_is_404_before_the_revision_is_checked()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full, visibility: "private");
        var version = await api.HeadVersion(id, owner.Full);

        await Api.AssertError(await api.Get($"/api/gists/{id}/xyz!"), 404, "Gist not found");
        await Api.AssertError(await api.Get($"/api/gists/{id}/{version}"), 404, "Gist not found");
        await Api.AssertError(await api.Get($"/api/gists/{id}/files/{version}/file.txt"), 404, "Gist not found");
        Assert.Equal(id, (await api.GetJson($"/api/gists/{id}/{version}", owner.GistRead)).Str("id"));
    }

    [Fact]
    public async Task Gist_lists_at_most_ten_commits()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full);
        for (var i = 0; i < 11; i++) await api.PatchGist(id, owner.Full, Content($"{i}"));

        var gist = await api.GetJson($"/api/gists/{id}");

        var commits = gist.GetProperty("commits").EnumerateArray().Select(c => c.Str("version")).ToList();
        Assert.Equal(10, commits.Count);
        Assert.Equal(commits, (await api.GetJson($"/api/gists/{id}/commits?per_page=10")).EnumerateArray().Select(c => c.Str("version")));
    }

    [Fact]
    public async Task Raw_file_serves_the_exact_bytes_of_that_revision_as_inline_text()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full, new Dictionary<string, string> { ["file.txt"] = "hello\r\nwörld" });
        var first = await api.HeadVersion(id, owner.Full);
        await api.PatchGist(id, owner.Full, """{"files":{"file.txt":{"content":"changed"}}}""");
        var second = await api.HeadVersion(id, owner.Full);

        var response = await api.Get($"/api/gists/{id}/files/{first}/file.txt");

        await Api.AssertStatus(response, HttpStatusCode.OK);
        Assert.Equal("hello\r\nwörld"u8.ToArray(), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain; charset=utf-8", Api.Header(response, "Content-Type"));
        Assert.Equal("nosniff", Api.Header(response, "X-Content-Type-Options"));
        var disposition = Api.Header(response, "Content-Disposition") ?? "";
        Assert.StartsWith("inline", disposition);
        Assert.Contains("filename=\"file.txt\"", disposition);
        var current = await api.Get($"/api/gists/{id}/files/{second}/file.txt");
        Assert.Equal("changed", await current.Content.ReadAsStringAsync());
        Assert.Equal("changed", await (await api.Get($"/api/gists/{id}/files/{second[..7]}/file.txt")).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("VERSION", "missing.txt", 404, "File not found")]
    [InlineData("deadbeef", "file.txt", 404, "File not found")]
    [InlineData("xyz!", "file.txt", 400, "Invalid revision format")]
    [InlineData("HEAD", "file.txt", 400, "Invalid revision format")]
    public async Task Raw_file_errors(string sha, string file, int status, string message)
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full);
        if (sha == "VERSION") sha = await api.HeadVersion(id, owner.Full);

        await Api.AssertError(await api.Get($"/api/gists/{id}/files/{Uri.EscapeDataString(sha)}/{file}"), status, message);
        await Api.AssertError(await api.Get($"/api/gists/{Api.UnknownId()}/files/{Uri.EscapeDataString(sha)}/{file}"), 404, "Gist not found");
    }
}
