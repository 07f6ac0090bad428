using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PasteLite.Config;
using PasteLite.Endpoints.Pasty;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Pasty;

/// <summary>pasty's API v2 on the happy path: info, create, get, update, delete, raw, with pasty's shapes.</summary>
public sealed class PastyPasteTests
{
    [Fact]
    public async Task Info_reports_tokens_reports_lifetime_and_version_in_alphabetical_order()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var response = await server.Client.GetAsync("/api/v2/info");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{{\"modificationTokens\":true,\"pasteLifetime\":-1,\"reports\":false,\"version\":\"{AppInfo.Version}\"}}",
            await response.Content.ReadAsStringAsync());
        Assert.False(response.HasHeader("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task Info_gives_the_autodelete_lifetime_in_milliseconds()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyAutodeleteEnabled, "true"),
            (SettingKeys.PastyReportsEnabled, "true"), (SettingKeys.PastyModificationTokens, "false"));

        var info = await (await server.Client.GetAsync("/api/v2/info")).ReadJsonAsync();

        Assert.Equal(2_592_000_000, info.GetProperty("pasteLifetime").GetInt64()); // the default 720h
        Assert.True(info.GetProperty("reports").GetBoolean());
        Assert.False(info.GetProperty("modificationTokens").GetBoolean());
    }

    [Fact]
    public async Task Create_answers_201_with_id_content_token_created_and_metadata_in_pastys_order()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var before = PastyTestSupport.Now;

        var response = await server.Client.PostAsync("/api/v2/pastes", PastyTestSupport.Json("{\"content\":\"print(1)\",\"metadata\":{\"lang\":\"py\"}}"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(["id", "content", "modificationToken", "created", "metadata"], body.EnumerateObject().Select(p => p.Name));
        Assert.Matches("^[a-zA-Z0-9]{6}$", body.GetProperty("id").GetString());
        Assert.Equal("print(1)", body.GetProperty("content").GetString());
        Assert.Matches("^[a-zA-Z0-9]{12}$", body.GetProperty("modificationToken").GetString());
        Assert.InRange(body.GetProperty("created").GetInt64(), before, PastyTestSupport.Now);
        Assert.Equal("{\"lang\":\"py\"}", body.GetProperty("metadata").GetRawText());
    }

    [Fact]
    public async Task Create_without_metadata_stores_an_empty_object_and_get_hides_the_token()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = await server.Client.CreatePasteAsync("hello");

        var response = await server.Client.GetAsync($"/api/v2/pastes/{created.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(["id", "content", "created", "metadata"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("hello", body.GetProperty("content").GetString());
        Assert.Equal(created.Body.GetProperty("created").GetInt64(), body.GetProperty("created").GetInt64());
        Assert.Equal("{}", body.GetProperty("metadata").GetRawText());
    }

    [Fact]
    public async Task Create_with_tokens_disabled_omits_the_token_and_stores_no_hash()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyModificationTokens, "false"));

        var created = await server.Client.CreatePasteAsync("hello");

        Assert.False(created.Body.TryGetProperty("modificationToken", out _));
        Assert.Null(TestDatabase.Scalar<string?>(home.DatabasePath, "SELECT token_hash FROM pastes WHERE id = @id", new { id = created.Id }));
    }

    [Fact]
    public async Task Content_and_metadata_round_trip_unchanged()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        const string content = "  ünïcødé 🎉 <script>alert(1)</script> & \"quotes\"\n\ttabs\u0000nul  ";
        const string metadata = "{\"pf_encryption\":{\"alg\":\"AES-CBC\",\"iv\":\"54baa80cd8d8328dc4630f9316130f49\"},\"n\":1.50,\"big\":12345678901234567890,\"list\":[1,\"two\",null],\"nothing\":null}";

        var created = await server.Client.CreatePasteAsync(content, metadata);
        var body = await (await server.Client.GetAsync($"/api/v2/pastes/{created.Id}")).ReadJsonAsync();

        Assert.Equal(content, body.GetProperty("content").GetString());
        Assert.Equal(metadata, body.GetProperty("metadata").GetRawText());
        var raw = await server.Client.GetStringAsync($"/api/v2/pastes/{created.Id}");
        Assert.Contains("\\u003Cscript\\u003E", raw, StringComparison.OrdinalIgnoreCase); // HTML-escaped, as Go does
        Assert.Contains("ünïcødé", raw); // but readable text stays readable
    }

    [Fact]
    public void An_all_ascii_paste_is_written_the_same_through_either_encoder()
    {
        // Every ASCII character, HTML-sensitive and control ones included, in each string field and in metadata.
        var ascii = new string(Enumerable.Range(0, 128).Select(c => (char)c).ToArray());
        var metadata = PastyMetadata.ToElement(PastyMetadata.ToJson(new JsonObject { ["all"] = ascii, ["n"] = 1.5, ["list"] = new JsonArray(1, "<b>") }));
        var paste = new PastyPaste(ascii, ascii, ascii, 1795369008, metadata);

        Assert.Equal(JsonSerializer.Serialize(paste, PastyJsonContext.Wire.PastyPaste), JsonSerializer.Serialize(paste, PastyJsonContext.Default.PastyPaste));
        // Such a paste goes the faster way unless its stored metadata holds \u escapes (which may stand for non-ASCII).
        Assert.Same(PastyJsonContext.Default.PastyPaste, PastyJsonContext.PasteTypeInfo(paste with { Metadata = JsonElement.Parse("{\"lang\":\"text\"}") }));
    }

    [Theory]
    [InlineData("ünïcødé", "{}")]
    [InlineData("text", "{\"lang\":\"ünïcødé\"}")]
    [InlineData("text", "{\"lang\":\"\\u00fc\"}")]
    public void A_paste_with_any_non_ascii_text_is_written_through_the_readable_encoder(string content, string metadata)
    {
        var paste = new PastyPaste("abcdef", content, null, 1795369008, JsonElement.Parse(metadata));

        Assert.Same(PastyJsonContext.Wire.PastyPaste, PastyJsonContext.PasteTypeInfo(paste));
    }

    [Fact]
    public async Task Json_fields_match_in_any_case_unknown_fields_are_ignored_and_the_last_duplicate_wins()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var response = await server.Client.PostAsync("/api/v2/pastes",
            PastyTestSupport.Json("{\"Content\":\"first\",\"CONTENT\":\"second\",\"extra\":[1,2],\"MetaData\":{\"k\":1,\"k\":2}}"));

        var body = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("second", body.GetProperty("content").GetString());
        Assert.Equal("{\"k\":2}", body.GetProperty("metadata").GetRawText());
    }

    [Fact]
    public async Task Create_accepts_whitespace_only_content_and_any_content_type()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        // curl -d sends application/x-www-form-urlencoded; pasty reads the body as JSON regardless.
        var response = await server.Client.PostAsync("/api/v2/pastes",
            new StringContent("{\"content\":\"   \"}", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("   ", (await response.ReadJsonAsync()).GetProperty("content").GetString());
    }

    [Fact]
    public async Task Create_tolerates_a_trailing_slash()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var response = await server.Client.PostAsync("/api/v2/pastes/", PastyTestSupport.Json("{\"content\":\"x\"}"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Patch_replaces_content_keeps_created_and_answers_with_the_updated_paste()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = await server.Client.CreatePasteAsync("old", "{\"keep\":true}");

        var response = await server.Client.SendAsync(HttpMethod.Patch, $"/api/v2/pastes/{created.Id}", "{\"content\":\"new\"}", created.ModificationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(["id", "content", "created", "metadata"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("new", body.GetProperty("content").GetString());
        Assert.Equal(created.Body.GetProperty("created").GetInt64(), body.GetProperty("created").GetInt64());
        Assert.Equal("{\"keep\":true}", body.GetProperty("metadata").GetRawText());
        var stored = await (await server.Client.GetAsync($"/api/v2/pastes/{created.Id}")).ReadJsonAsync();
        Assert.Equal("new", stored.GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("{\"content\":null,\"metadata\":null}")]
    public async Task Patch_without_changes_leaves_the_paste_as_it_was(string body)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = await server.Client.CreatePasteAsync("same", "{\"a\":1}");

        var response = await server.Client.SendAsync(HttpMethod.Patch, $"/api/v2/pastes/{created.Id}", body, created.ModificationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paste = await response.ReadJsonAsync();
        Assert.Equal("same", paste.GetProperty("content").GetString());
        Assert.Equal("{\"a\":1}", paste.GetProperty("metadata").GetRawText());
    }

    [Fact]
    public async Task Delete_answers_an_empty_200_and_the_paste_is_gone_everywhere()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = await server.Client.CreatePasteAsync("bye");

        var response = await server.Client.SendAsync(HttpMethod.Delete, $"/api/v2/pastes/{created.Id}", bearer: created.ModificationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await (await server.Client.GetAsync($"/api/v2/pastes/{created.Id}")).AssertTextAsync(HttpStatusCode.NotFound, "paste not found");
        await (await server.Client.GetAsync($"/{created.Id}/raw")).AssertTextAsync(HttpStatusCode.NotFound, "paste not found");
        Assert.Equal(0, home.PasteCount());
    }
}
