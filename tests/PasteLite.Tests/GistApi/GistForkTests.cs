using System.Net;
using System.Text.Json;

namespace PasteLite.Tests.GistApi;

/// <summary>Forks: upstream's gist_forks_test (§11, §2 #5, #11, #12) and DESIGN's null `fork_of` for a hidden parent.</summary>
public sealed class GistForkTests
{
    [Theory]
    [InlineData("public", "anonymous", 200)]
    [InlineData("unlisted", "anonymous", 200)]
    [InlineData("unlisted", "other", 200)]
    [InlineData("private", "anonymous", 404)]
    [InlineData("private", "other", 404)]
    [InlineData("private", "owner-no-scope", 404)]
    [InlineData("private", "owner-gist-read", 200)]
    public async Task Fork_list_follows_the_gist_access_matrix(string visibility, string viewer, int expected)
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var other = api.Account("other");
        var id = await api.CreateGist(owner.Full, visibility: visibility);
        var token = Account.ForViewer(viewer, owner, other);

        var response = await api.Get($"/api/gists/{id}/forks", token);

        if (expected == 200)
        {
            await Api.AssertStatus(response, HttpStatusCode.OK);
            Assert.Empty((await Api.Json(response)).EnumerateArray());
        }
        else
        {
            await Api.AssertError(response, 404, "Gist not found");
        }
        await Api.AssertError(await api.Get($"/api/gists/{Api.UnknownId()}/forks", token), 404, "Gist not found");
    }

    [Fact]
    public async Task Fork_list_shows_public_forks_and_the_callers_own()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");
        var bob = api.Account("bob");
        var charlie = api.Account("charlie");
        var dave = api.Account("dave");
        var parent = await api.CreateGist(alice.Full);
        var bobs = await api.Fork(parent, bob.Full);
        await api.PatchGist(bobs, bob.Full, """{"visibility":"unlisted"}""");
        var charlies = await api.Fork(parent, charlie.Full);
        await api.PatchGist(charlies, charlie.Full, """{"visibility":"private"}""");
        var daves = await api.Fork(parent, dave.Full);

        async Task<List<string>> Forks(string? token)
        {
            var response = await api.Get($"/api/gists/{parent}/forks", token);
            await Api.AssertStatus(response, HttpStatusCode.OK);
            var ids = Api.Ids(await Api.Json(response));
            Assert.Equal(ids.Count.ToString(), Api.Header(response, "X-Total"));
            return ids.Order().ToList();
        }

        Assert.Equal([daves], await Forks(null));
        Assert.Equal([daves], await Forks(alice.Full));
        // No gist:read needed here, unlike every other list.
        Assert.Equal(new[] { bobs, daves }.Order(), await Forks(bob.NoScope));
        Assert.Equal(new[] { charlies, daves }.Order(), await Forks(charlie.NoScope));

        var item = (await api.GetJson($"/api/gists/{parent}/forks"))[0];
        Assert.Equal(daves, item.Str("id"));
        Assert.Equal("dave", item.GetProperty("owner").Str("login"));
        Assert.Equal(("public", true), (item.Str("visibility"), item.GetProperty("public").GetBoolean()));
        Api.AssertRecentTimestamp(item.GetProperty("created_at"));
    }

    [Fact]
    public async Task Forked_lists_the_callers_own_forks_by_visibility()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");
        var bob = api.Account("bob");
        var stranger = api.Account("stranger");
        var parents = new[] { await api.CreateGist(alice.Full), await api.CreateGist(alice.Full), await api.CreateGist(alice.Full) };
        var pub = await api.Fork(parents[0], bob.Full);
        var unlisted = await api.Fork(parents[1], bob.Full);
        await api.PatchGist(unlisted, bob.Full, """{"visibility":"unlisted"}""");
        var priv = await api.Fork(parents[2], bob.Full);
        await api.PatchGist(priv, bob.Full, """{"visibility":"private"}""");
        await api.CreateGist(bob.Full);
        await api.Fork(parents[0], stranger.Full);

        await Api.AssertError(await api.Get("/api/gists/forked"), 401, "Requires authentication");
        Assert.Empty((await api.GetJson("/api/gists/forked", alice.Full)).EnumerateArray());
        Assert.Equal(new[] { pub, unlisted, priv }.Order(), Api.Ids(await api.GetJson("/api/gists/forked", bob.GistRead)).Order());
        Assert.Equal([pub], Api.Ids(await api.GetJson("/api/gists/forked", bob.NoScope)));
    }

    [Theory]
    [InlineData("public")]
    [InlineData("unlisted")]
    public async Task Forking_makes_a_new_gist_sharing_the_parents_content(string visibility)
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");
        var bob = api.Account("bob");
        var parent = await api.CreateGist(alice.Full, title: "Test", visibility: visibility, description: "about");
        var parentVersions = (await api.GetJson($"/api/gists/{parent}/commits")).EnumerateArray().Select(c => c.Str("version")).ToList();

        var response = await api.Post($"/api/gists/{parent}/forks", bob.Full);

        await Api.AssertStatus(response, HttpStatusCode.Created);
        var fork = await Api.Json(response);
        var id = fork.Str("id");
        Assert.NotEqual(parent, id);
        Assert.Contains($"/api/gists/{id}", Api.Header(response, "Location"));
        Assert.Equal("bob", fork.GetProperty("owner").Str("login"));
        Assert.Equal((visibility, "Test", "about"), (fork.Str("visibility"), fork.Str("title"), fork.Str("description")));
        Assert.Equal(parent, api.Scalar<string>("SELECT p.uuid FROM gists f JOIN gists p ON p.id = f.forked_id WHERE f.uuid = @id", new { id }));

        var full = await api.GetJson($"/api/gists/{id}");
        Assert.Equal("hello", full.GetProperty("files").GetProperty("file.txt").Str("content"));
        Assert.Equal(parentVersions, (await api.GetJson($"/api/gists/{id}/commits")).EnumerateArray().Select(c => c.Str("version")));
        Assert.Equal(parent, full.GetProperty("fork_of").Str("id"));
        Assert.Equal("alice", full.GetProperty("fork_of").GetProperty("owner").Str("login"));

        var parentGist = await api.GetJson($"/api/gists/{parent}");
        Assert.Equal(1, parentGist.GetProperty("fork_count").GetInt32());
        Assert.Equal(JsonValueKind.Null, parentGist.GetProperty("fork_of").ValueKind);
        // `forks` lists public forks and the caller's own: an unlisted fork shows to its owner only.
        Assert.Equal(visibility == "public" ? [id] : [], Api.Ids(parentGist.GetProperty("forks")));
        Assert.Equal([id], Api.Ids((await api.GetJson($"/api/gists/{parent}", bob.Full)).GetProperty("forks")));
    }

    [Fact]
    public async Task Forking_again_returns_the_existing_fork_with_200()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");
        var bob = api.Account("bob");
        var parent = await api.CreateGist(alice.Full);
        var first = await api.Post($"/api/gists/{parent}/forks", bob.Full);
        await Api.AssertStatus(first, HttpStatusCode.Created);

        var again = await api.Post($"/api/gists/{parent}/forks", bob.Full);

        await Api.AssertStatus(again, HttpStatusCode.OK);
        Assert.Equal((await Api.Json(first)).Str("id"), (await Api.Json(again)).Str("id"));
        Assert.Equal(Api.Header(first, "Location"), Api.Header(again, "Location"));
        Assert.Equal(1, (await api.GetJson($"/api/gists/{parent}")).GetProperty("fork_count").GetInt32());
        Assert.Equal(2, api.GistCount());
    }

    [Theory]
    [InlineData("public", "owner", 422, "cannot fork your own gist")]
    [InlineData("unlisted", "owner", 422, "cannot fork your own gist")]
    [InlineData("private", "owner", 422, "cannot fork your own gist")]
    [InlineData("private", "other", 404, "Gist not found")]
    [InlineData("unknown", "other", 404, "Gist not found")]
    [InlineData("public", "anonymous", 401, "Requires authentication")]
    [InlineData("public", "read-only", 403, "token lacks required scope/permission")]
    public async Task Forks_that_cannot_be_made(string visibility, string caller, int status, string message)
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var other = api.Account("other");
        var id = visibility == "unknown" ? Api.UnknownId() : await api.CreateGist(owner.Full, visibility: visibility);
        var token = caller switch { "owner" => owner.Full, "other" => other.Full, "read-only" => other.GistRead, _ => null };
        var before = api.GistCount();

        await Api.AssertError(await api.Post($"/api/gists/{id}/forks", token), status, message);

        Assert.Equal(before, api.GistCount());
    }

    [Fact]
    public async Task Fork_of_is_null_when_the_caller_cannot_see_the_parent()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");
        var bob = api.Account("bob");
        var parent = await api.CreateGist(alice.Full, title: "secret title");
        var fork = await api.Fork(parent, bob.Full);
        await api.PatchGist(parent, alice.Full, """{"visibility":"private"}""");

        Assert.Equal(JsonValueKind.Null, (await api.GetJson($"/api/gists/{fork}", bob.Full)).GetProperty("fork_of").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await api.GetJson($"/api/gists/{fork}")).GetProperty("fork_of").ValueKind);
        Assert.Equal(parent, (await api.GetJson($"/api/gists/{fork}", alice.GistRead)).GetProperty("fork_of").Str("id"));
    }

    [Fact]
    public async Task Fork_and_parent_change_independently_and_deleting_updates_the_count()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");
        var bob = api.Account("bob");
        var parent = await api.CreateGist(alice.Full);
        var fork = await api.Fork(parent, bob.Full);

        await api.PatchGist(parent, alice.Full, """{"files":{"file.txt":{"content":"parent edit"}}}""");
        await api.PatchGist(fork, bob.Full, """{"files":{"other.txt":{"content":"fork edit"}}}""");

        var forkFiles = (await api.GetJson($"/api/gists/{fork}")).GetProperty("files");
        Assert.Equal("hello", forkFiles.GetProperty("file.txt").Str("content"));
        Assert.Equal("fork edit", forkFiles.GetProperty("other.txt").Str("content"));
        var parentFiles = (await api.GetJson($"/api/gists/{parent}")).GetProperty("files");
        Assert.Equal("parent edit", Assert.Single(parentFiles.EnumerateObject()).Value.Str("content"));

        await Api.AssertStatus(await api.Delete($"/api/gists/{fork}", bob.Full), HttpStatusCode.NoContent);
        Assert.Equal(0, (await api.GetJson($"/api/gists/{parent}")).GetProperty("fork_count").GetInt32());
        var again = await api.Fork(parent, bob.Full);
        await Api.AssertStatus(await api.Delete($"/api/gists/{parent}", alice.Full), HttpStatusCode.NoContent);
        var orphan = await api.GetJson($"/api/gists/{again}");
        Assert.Equal(JsonValueKind.Null, orphan.GetProperty("fork_of").ValueKind);
        // `again` was forked after the parent's edit, so it starts from the edited content.
        Assert.Equal("parent edit", orphan.GetProperty("files").GetProperty("file.txt").Str("content"));
    }
}
