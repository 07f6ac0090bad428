using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PasteLite.Tests.GistApi;

/// <summary>POST /api/gists: upstream's TestCreateGist table (§11), GitHub's `public` flag and bad input (DESIGN wins).</summary>
public sealed class GistCreateTests
{
    /// <summary>Upstream's checks on every 201: status, Location, owner, file count in the response and in the database.</summary>
    private static async Task<JsonElement> AssertCreated(ApiFixture api, HttpResponseMessage response, Account owner, int files)
    {
        await Api.AssertStatus(response, HttpStatusCode.Created);
        var gist = await Api.Json(response);
        var id = gist.Str("id");
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Contains($"/api/gists/{id}", Api.Header(response, "Location"));
        Assert.Equal(owner.Name, gist.GetProperty("owner").Str("login"));
        Assert.Equal(files, gist.GetProperty("files").EnumerateObject().Count());
        foreach (var file in gist.GetProperty("files").EnumerateObject()) Assert.Equal(file.Name, file.Value.Str("filename"));
        Assert.Equal(files, api.Scalar<long>("SELECT nb_files FROM gists WHERE uuid = @id", new { id }));
        return gist;
    }

    private static string[] FileNames(JsonElement gist) =>
        gist.GetProperty("files").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    private static async Task<(ApiFixture, Account)> Start()
    {
        var api = await ApiFixture.StartAsync();
        return (api, api.Account("owner"));
    }

    [Fact]
    public async Task Valid_gist_is_201_with_location_and_full_gist()
    {
        var (api, owner) = await Start();
        await using var _ = api;

        var gist = await AssertCreated(api, await api.Post("/api/gists", owner.Full, ApiFixture.GistBody(title: "Test")), owner, 1);

        Assert.Equal("Test", gist.Str("title"));
        Assert.Equal("public", gist.Str("visibility"));
        Assert.True(gist.GetProperty("public").GetBoolean());
        Assert.Equal("hello", gist.GetProperty("files").GetProperty("file.txt").Str("content"));
        Assert.Equal(1, api.GistCount());
    }

    [Theory]
    [InlineData("""{"title":"x"}""", "files")]
    [InlineData("""{"files":{}}""", "files")]
    [InlineData("""{"files":{"file.txt":{"content":""}}}""", "files")]
    [InlineData("""{"files":{"a.txt":{},"b.txt":{"content":null},"c.txt":null}}""", "files")]
    [InlineData("""{"visibility":"secret","files":{"test.txt":{"content":"x"}}}""", "visibility")]
    [InlineData("""{"expire":"2weeks","files":{"test.txt":{"content":"x"}}}""", "expire")]
    [InlineData("""{"expires_at":"2001-01-01T00:00:00Z","files":{"test.txt":{"content":"x"}}}""", "expire")]
    [InlineData("""{"expires_at":"next tuesday","files":{"test.txt":{"content":"x"}}}""", "expire")]
    public async Task Invalid_body_is_422_naming_the_field_and_creates_nothing(string json, string field)
    {
        var (api, owner) = await Start();
        await using var _ = api;

        await Api.AssertValidationError(await api.Post("/api/gists", owner.Full, json), field);

        Assert.Equal(0, api.GistCount());
    }

    [Fact]
    public async Task Empty_body_binds_nothing_and_is_422_for_missing_files()
    {
        var (api, owner) = await Start();
        await using var _ = api;

        await Api.AssertValidationError(await api.Post("/api/gists", owner.Full), "files");
        Assert.Equal(0, api.GistCount());
    }

    [Theory]
    [InlineData("""{"files":""")]
    [InlineData("""not json""")]
    [InlineData("""{"visibility":1,"files":{"a.txt":{"content":"x"}}}""")]
    [InlineData("""{"title":true,"files":{"a.txt":{"content":"x"}}}""")]
    [InlineData("""{"files":["a.txt"]}""")]
    [InlineData("""{"files":{"a.txt":{"content":5}}}""")]
    [InlineData("""{"files":{"a.txt":"x"}}""")]
    [InlineData("""[]""")]
    public async Task Malformed_json_or_wrong_types_are_422_could_not_bind_data(string json)
    {
        var (api, owner) = await Start();
        await using var _ = api;

        await Api.AssertError(await api.Post("/api/gists", owner.Full, json), 422, "could not bind data");
        Assert.Equal(0, api.GistCount());
    }

    [Fact]
    public async Task Body_that_is_not_declared_json_is_422_could_not_bind_data()
    {
        var (api, owner) = await Start();
        await using var _ = api;
        var json = ApiFixture.GistBody().ToJsonString();

        await Api.AssertError(await api.Send(HttpMethod.Post, "/api/gists", owner.Full, json, contentType: "text/plain"), 422,
            "could not bind data");
        Assert.Equal(0, api.GistCount());
        // Media-type parameters are fine.
        await AssertCreated(api, await api.Send(HttpMethod.Post, "/api/gists", owner.Full, json,
            contentType: "application/json; charset=utf-8"), owner, 1);
    }

    [Theory]
    [InlineData("title", 250, 251)]
    [InlineData("description", 1000, 1001)]
    public async Task Over_long_title_or_description_is_422(string field, int longest, int tooLong)
    {
        var (api, owner) = await Start();
        await using var _ = api;
        JsonObject Body(int length)
        {
            var body = ApiFixture.GistBody();
            body[field] = new string('t', length);
            return body;
        }

        await Api.AssertValidationError(await api.Post("/api/gists", owner.Full, Body(tooLong)), field);
        Assert.Equal(0, api.GistCount());
        var gist = await AssertCreated(api, await api.Post("/api/gists", owner.Full, Body(longest)), owner, 1);
        Assert.Equal(longest, gist.Str(field).Length);
    }

    [Fact]
    public async Task Filename_over_255_characters_is_422()
    {
        var (api, owner) = await Start();
        await using var _ = api;
        var longest = new string('f', 251) + ".txt";

        var tooLong = ApiFixture.GistBody(new Dictionary<string, string> { [new string('f', 252) + ".txt"] = "x" });
        await Api.AssertValidationError(await api.Post("/api/gists", owner.Full, tooLong), "filename");
        Assert.Equal(0, api.GistCount());
        var ok = ApiFixture.GistBody(new Dictionary<string, string> { [longest] = "x" });
        Assert.Equal([longest], FileNames(await AssertCreated(api, await api.Post("/api/gists", owner.Full, ok), owner, 1)));
    }

    [Fact]
    public async Task Empty_filename_is_auto_named_gistfile1()
    {
        var (api, owner) = await Start();
        await using var _ = api;

        var gist = await AssertCreated(api, await api.Post("/api/gists", owner.Full, """{"files":{"":{"content":"x"}}}"""), owner, 1);

        Assert.Equal(["gistfile1.txt"], FileNames(gist));
        Assert.Equal("gistfile1.txt", gist.Str("title"));
    }

    [Fact]
    public async Task Multiple_files_are_kept_and_a_missing_title_is_the_first_sorted_filename()
    {
        var (api, owner) = await Start();
        await using var _ = api;
        var body = ApiFixture.GistBody(new Dictionary<string, string> { ["c.md"] = "# c", ["b.txt"] = "b", ["a.py"] = "print(1)" });

        var gist = await AssertCreated(api, await api.Post("/api/gists", owner.Full, body), owner, 3);

        Assert.Equal(["a.py", "b.txt", "c.md"], FileNames(gist));
        Assert.Equal("a.py", gist.Str("title"));
        Assert.Equal("print(1)", gist.GetProperty("files").GetProperty("a.py").Str("content"));
    }

    [Theory]
    [InlineData("unlisted", false)]
    [InlineData("private", false)]
    [InlineData("public", true)]
    public async Task Visibility_is_stored_and_public_is_true_only_for_public(string visibility, bool isPublic)
    {
        var (api, owner) = await Start();
        await using var _ = api;

        var gist = await AssertCreated(api, await api.Post("/api/gists", owner.Full, ApiFixture.GistBody(visibility: visibility)), owner, 1);

        Assert.Equal(visibility, gist.Str("visibility"));
        Assert.Equal(isPublic, gist.GetProperty("public").GetBoolean());
    }

    [Theory]
    [InlineData("""{"files":{"a.txt":{"content":"x"}}}""", "public")]
    [InlineData("""{"public":false,"files":{"a.txt":{"content":"x"}}}""", "unlisted")]
    [InlineData("""{"public":true,"files":{"a.txt":{"content":"x"}}}""", "public")]
    [InlineData("""{"public":true,"visibility":"private","files":{"a.txt":{"content":"x"}}}""", "private")]
    [InlineData("""{"public":false,"visibility":"public","files":{"a.txt":{"content":"x"}}}""", "public")]
    [InlineData("""{"public":true,"visibility":"unlisted","files":{"a.txt":{"content":"x"}}}""", "unlisted")]
    public async Task GitHub_public_flag_maps_to_visibility_unless_visibility_is_given(string json, string visibility)
    {
        var (api, owner) = await Start();
        await using var _ = api;

        var gist = await AssertCreated(api, await api.Post("/api/gists", owner.Full, json), owner, 1);

        Assert.Equal(visibility, gist.Str("visibility"));
    }

    [Fact]
    public async Task Unicode_filename_and_multibyte_content_round_trip()
    {
        var (api, owner) = await Start();
        await using var _ = api;
        const string content = "héllo wörld\n文字 🎉\r\n";
        var body = ApiFixture.GistBody(new Dictionary<string, string> { ["文件.txt"] = content });

        var created = await AssertCreated(api, await api.Post("/api/gists", owner.Full, body), owner, 1);
        var gist = await api.GetJson($"/api/gists/{created.Str("id")}");

        var file = gist.GetProperty("files").GetProperty("文件.txt");
        Assert.Equal(content, file.Str("content"));
        Assert.Equal(Encoding.UTF8.GetByteCount(content), file.GetProperty("size").GetInt32());
    }

    [Theory]
    [InlineData("../../../etc/passwd", "passwd")]
    [InlineData("..\\..\\evil.txt", "....evil.txt")] // filepath.Base does not split on backslashes on Linux; they are then stripped
    [InlineData("  spaced.txt  ", "spaced.txt")]
    public async Task Path_traversal_and_padding_are_cleaned_from_filenames(string name, string stored)
    {
        var (api, owner) = await Start();
        await using var _ = api;
        var body = ApiFixture.GistBody(new Dictionary<string, string> { [name] = "root:x:0:0" });

        var gist = await AssertCreated(api, await api.Post("/api/gists", owner.Full, body), owner, 1);

        Assert.Equal([stored], FileNames(gist));
    }

    [Fact]
    public async Task Files_without_content_are_dropped_beside_valid_ones()
    {
        var (api, owner) = await Start();
        await using var _ = api;

        var gist = await AssertCreated(api, await api.Post("/api/gists", owner.Full,
            """{"files":{"empty.txt":{"content":""},"none.txt":{},"valid.txt":{"content":"ok"}}}"""), owner, 1);

        Assert.Equal(["valid.txt"], FileNames(gist));
        Assert.Equal("valid.txt", gist.Str("title"));
    }

    [Fact]
    public async Task Expire_and_expires_at_set_the_expiry()
    {
        var (api, owner) = await Start();
        await using var _ = api;
        var at = DateTimeOffset.UtcNow.AddDays(2);
        var exact = new JsonObject { ["expires_at"] = Api.Rfc3339(at), ["files"] = Api.Files(new Dictionary<string, string> { ["a"] = "x" }) };
        var hour = new JsonObject { ["expire"] = "1hour", ["files"] = Api.Files(new Dictionary<string, string> { ["a"] = "x" }) };
        var never = new JsonObject { ["expire"] = "never", ["files"] = Api.Files(new Dictionary<string, string> { ["a"] = "x" }) };

        var exactGist = await AssertCreated(api, await api.Post("/api/gists", owner.Full, exact), owner, 1);
        var hourGist = await AssertCreated(api, await api.Post("/api/gists", owner.Full, hour), owner, 1);
        var neverGist = await AssertCreated(api, await api.Post("/api/gists", owner.Full, never), owner, 1);

        Assert.Equal(Api.Rfc3339(at), exactGist.Str("expires_at"));
        var inAnHour = DateTimeOffset.Parse(hourGist.Str("expires_at"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(inAnHour, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(65));
        Assert.Equal(JsonValueKind.Null, neverGist.GetProperty("expires_at").ValueKind);
    }

    [Fact]
    public async Task Create_without_auth_is_401_and_creates_nothing()
    {
        var (api, _) = await Start();
        await using var __ = api;

        await Api.AssertError(await api.Post("/api/gists", null, ApiFixture.GistBody()), 401, "Requires authentication");

        Assert.Equal(0, api.GistCount());
    }
}
