using System.Net;
using System.Text.Json;

namespace PasteLite.Tests.GistApi;

/// <summary>PATCH and DELETE /api/gists/{id}: upstream's gist_edit_test (§11), merge semantics and errors (§2 #7, #8).</summary>
public sealed class GistEditTests
{
    private const string NothingToUpdate = "at least one of description, title, visibility, or files must be set";

    /// <summary>What a gist looks like to its owner, as one comparable string (metadata, files, revision count).</summary>
    private static async Task<string> State(ApiFixture api, string id, Account owner)
    {
        var gist = await api.GetJson($"/api/gists/{id}", owner.GistRead);
        var files = gist.GetProperty("files").EnumerateObject().OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => $"{f.Name}={f.Value.Str("content")}");
        var commits = (await api.GetJson($"/api/gists/{id}/commits", owner.GistRead)).GetArrayLength();
        return $"{gist.Str("title")}|{gist.Str("description")}|{gist.Str("visibility")}|{string.Join(",", files)}|{commits}";
    }

    private static Dictionary<string, string> Contents(JsonElement gist) =>
        gist.GetProperty("files").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.Str("content"));

    private static readonly Dictionary<string, string> Abc = new() { ["a.txt"] = "a", ["b.txt"] = "b", ["c.txt"] = "c" };

    [Fact]
    public async Task Patch_changes_renames_and_deletes_files()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full, Abc);

        var patched = await api.PatchGist(id, owner.Full,
            """{"files":{"a.txt":{"content":"a2"},"b.txt":{"filename":"renamed.txt"},"c.txt":null}}""");

        var expected = new Dictionary<string, string> { ["a.txt"] = "a2", ["renamed.txt"] = "b" };
        Assert.Equal(expected, Contents(patched));
        Assert.Equal(expected, Contents(await api.GetJson($"/api/gists/{id}")));
        Assert.Equal(2, api.Scalar<long>("SELECT nb_files FROM gists WHERE uuid = @id", new { id }));
    }

    [Fact]
    public async Task Patch_adds_new_files_renames_with_content_and_ignores_unknown_keys_without_content()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full, Abc);

        var patched = await api.PatchGist(id, owner.Full,
            """{"files":{"a.txt":{},"b.txt":{"filename":"b2.txt","content":"B"},"new.txt":{"content":"n"},"ghost.txt":null,"ghost2.txt":{"filename":"x.txt"}}}""");

        Assert.Equal(new Dictionary<string, string> { ["b2.txt"] = "B", ["c.txt"] = "c", ["new.txt"] = "n" }, Contents(patched));
    }

    [Fact]
    public async Task Metadata_only_updates_leave_everything_else_alone()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full, title: "Test", description: "Desc");

        var titled = await api.PatchGist(id, owner.Full, """{"title":"New title"}""");
        Assert.Equal(("New title", "Desc", "public"), (titled.Str("title"), titled.Str("description"), titled.Str("visibility")));
        Assert.Equal("hello", Contents(titled)["file.txt"]);

        var described = await api.PatchGist(id, owner.Full, """{"description":"Other"}""");
        Assert.Equal(("New title", "Other", "public"), (described.Str("title"), described.Str("description"), described.Str("visibility")));

        var hidden = await api.PatchGist(id, owner.Full, """{"visibility":"private"}""");
        Assert.Equal(("New title", "Other", "private"), (hidden.Str("title"), hidden.Str("description"), hidden.Str("visibility")));
        Assert.False(hidden.GetProperty("public").GetBoolean());
        Assert.Equal(new Dictionary<string, string> { ["file.txt"] = "hello" }, Contents(hidden));
        await Api.AssertError(await api.Get($"/api/gists/{id}"), 404, "Gist not found");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"files":{}}""")]
    [InlineData("""{"expire":"1hour"}""")]
    [InlineData(null)]
    public async Task Patch_with_nothing_to_update_is_422(string? json)
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full);
        var before = await State(api, id, owner);

        await Api.AssertError(await api.Patch($"/api/gists/{id}", owner.Full, json), 422, NothingToUpdate);

        Assert.Equal(before, await State(api, id, owner));
    }

    [Theory]
    [InlineData("PATCH", "public", null, 401, "Requires authentication")]
    [InlineData("PATCH", "unlisted", null, 401, "Requires authentication")]
    [InlineData("PATCH", "private", null, 401, "Requires authentication")]
    [InlineData("PATCH", "public", "other", 403, "You are not the owner of this gist")]
    [InlineData("PATCH", "unlisted", "other", 403, "You are not the owner of this gist")]
    [InlineData("PATCH", "private", "other", 404, "Gist not found")]
    [InlineData("DELETE", "public", null, 401, "Requires authentication")]
    [InlineData("DELETE", "unlisted", null, 401, "Requires authentication")]
    [InlineData("DELETE", "private", null, 401, "Requires authentication")]
    [InlineData("DELETE", "public", "other", 403, "You are not the owner of this gist")]
    [InlineData("DELETE", "unlisted", "other", 403, "You are not the owner of this gist")]
    [InlineData("DELETE", "private", "other", 404, "Gist not found")]
    public async Task Others_cannot_edit_or_delete(string method, string visibility, string? caller, int status, string message)
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var other = api.Account("other");
        var id = await api.CreateGist(owner.Full, visibility: visibility);
        var before = await State(api, id, owner);
        var token = caller is null ? null : other.Full;

        var response = method == "PATCH"
            ? await api.Patch($"/api/gists/{id}", token, """{"title":"pwned","files":{"file.txt":{"content":"pwned"}}}""")
            : await api.Delete($"/api/gists/{id}", token);

        await Api.AssertError(response, status, message);
        Assert.Equal(before, await State(api, id, owner));
        Assert.Equal(1, api.GistCount());
    }

    [Theory]
    [InlineData("""{"files":{"b.txt":{"filename":"a.txt"}}}""", "files: duplicate filename after merge: a.txt")]
    [InlineData("""{"files":{"b.txt":{"filename":"../a.txt"}}}""", "files: duplicate filename after merge: a.txt")]
    [InlineData("""{"files":{"b.txt":{"filename":"c.txt"},"c.txt":{"content":"keep"}}}""", "files: duplicate filename after merge: c.txt")]
    [InlineData("""{"files":{"a.txt":{"filename":""}}}""", "files: filename cannot be empty")]
    [InlineData("""{"files":{"a.txt":{"filename":"   "}}}""", "files: filename cannot be empty")]
    [InlineData("""{"files":{"a.txt":{"filename":".."}}}""", "files: filename cannot be empty")]
    public async Task Bad_file_merges_are_422_and_change_nothing(string json, string message)
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full, Abc);
        var before = await State(api, id, owner);

        await Api.AssertError(await api.Patch($"/api/gists/{id}", owner.Full, json), 422, message);

        Assert.Equal(before, await State(api, id, owner));
    }

    [Theory]
    [InlineData("""{"files":{"a.txt":null,"b.txt":null,"c.txt":null}}""", "files")]
    [InlineData("""{"visibility":"secret"}""", "visibility")]
    [InlineData("""{"title":"TOO_LONG","files":{"a.txt":{"content":"x"}}}""", "title")]
    public async Task Invalid_patches_are_422_and_change_nothing(string json, string field)
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full, Abc);
        var before = await State(api, id, owner);

        await Api.AssertValidationError(await api.Patch($"/api/gists/{id}", owner.Full, json.Replace("TOO_LONG", new string('t', 251))), field);

        Assert.Equal(before, await State(api, id, owner));
    }

    [Theory]
    [InlineData("""{"title":""")]
    [InlineData("""{"title":5}""")]
    [InlineData("""{"files":{"a.txt":"x"}}""")]
    public async Task Patch_that_does_not_bind_is_422_could_not_bind_data(string json)
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full, Abc);
        var before = await State(api, id, owner);

        await Api.AssertError(await api.Patch($"/api/gists/{id}", owner.Full, json), 422, "could not bind data");

        Assert.Equal(before, await State(api, id, owner));
    }

    [Fact]
    public async Task Patch_of_unknown_gist_is_404()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");

        await Api.AssertError(await api.Patch($"/api/gists/{Api.UnknownId()}", owner.Full, """{"title":"x"}"""), 404, "Gist not found");
        await Api.AssertError(await api.Delete($"/api/gists/{Api.UnknownId()}", owner.Full), 404, "Gist not found");
    }

    [Fact]
    public async Task Delete_is_204_and_the_gist_is_gone()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full);
        var keeper = await api.CreateGist(owner.Full);

        var response = await api.Delete($"/api/gists/{id}", owner.Full);

        await Api.AssertStatus(response, HttpStatusCode.NoContent);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await Api.AssertError(await api.Get($"/api/gists/{id}", owner.Full), 404, "Gist not found");
        await Api.AssertError(await api.Get($"/api/gists/{id}/commits", owner.Full), 404, "Gist not found");
        Assert.Equal([keeper], Api.Ids(await api.GetJson("/api/gists", owner.GistRead)));
        await Api.AssertError(await api.Delete($"/api/gists/{id}", owner.Full), 404, "Gist not found");
    }

    [Fact]
    public async Task Patch_makes_a_new_revision_with_its_line_diff()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full);
        var first = await api.HeadVersion(id, owner.Full);

        var patched = await api.PatchGist(id, owner.Full, """{"files":{"file.txt":{"content":"world\nagain"}}}""");

        var commits = await api.GetJson($"/api/gists/{id}/commits", owner.Full);
        Assert.Equal(2, commits.GetArrayLength());
        Assert.Equal(first, commits[1].Str("version"));
        var newest = commits[0];
        Assert.NotEqual(first, newest.Str("version"));
        Assert.Matches("^[0-9a-f]{40}$", newest.Str("version"));
        var change = newest.GetProperty("change_status");
        Assert.Equal(2, change.GetProperty("additions").GetInt32());
        Assert.Equal(1, change.GetProperty("deletions").GetInt32());
        Assert.Equal(3, change.GetProperty("total").GetInt32());
        Assert.Equal(1, change.GetProperty("files_changed").GetInt32());
        Assert.Equal(newest.Str("version"), patched.GetProperty("commits")[0].Str("version"));
        Assert.Equal(newest.Str("version"), patched.GetProperty("history")[0].Str("version"));
        Assert.Equal(2, patched.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task Patch_keeps_topics()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var id = await api.CreateGist(owner.Full);
        // Topics cannot be set through the API (upstream RFC #808); put one in the way the web UI would.
        using (var connection = Support.TestDatabase.OpenRaw(api.Home.DatabasePath))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO gist_topics (gist_id, topic) SELECT id, 'kept' FROM gists WHERE uuid = $id";
            command.Parameters.AddWithValue("$id", id);
            Assert.Equal(1, command.ExecuteNonQuery());
        }
        Assert.Equal(["kept"], (await api.GetJson("/api/gists", owner.GistRead))[0].GetProperty("topics").EnumerateArray().Select(t => t.GetString()));

        await api.PatchGist(id, owner.Full, """{"title":"retitled","files":{"file.txt":{"content":"x"}}}""");

        Assert.Equal(["kept"], (await api.GetJson("/api/gists", owner.GistRead))[0].GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
    }
}
