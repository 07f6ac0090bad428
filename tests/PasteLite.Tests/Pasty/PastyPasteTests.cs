using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using PasteLite.Config;
using PasteLite.Data;
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

    [Theory]
    [InlineData("hello", "{\"lang\":\"text\"}", "tok123")]
    [InlineData("hello", "{\"lang\":\"text\"}", null)]
    [InlineData("\u00fcn\u00efc\u00f8d\u00e9 <b>&'+`", "{}", null)]
    [InlineData("text", "{\"lang\":\"\u00fcn\u00efc\u00f8d\u00e9\"}", null)]
    [InlineData("text", "{\"lang\":\"\\u00fc\"}", null)]                 // stored escape: written readable
    [InlineData("text", "{ \"a\" : [1, 2] }", null)]                      // stored with spaces: written compact
    [InlineData("text", "{\"a\":\"<b>&'+`\"}", null)]                       // HTML-sensitive: escaped
    [InlineData("text", "{\"k\":1,\"k\":2,\"n\":1.50,\"big\":12345678901234567890,\"x\":[true,null,{\"d\":{}}]}", null)]
    [InlineData("text", "{\"a\":\"line\\nbreak \\\"quoted\\\"\"}", null)]
    [InlineData("text", "not json", null)]                                  // what is not one object reads as {}
    [InlineData("text", "[1,2]", null)]
    [InlineData("text", "{", null)]
    [InlineData("text", "{}x", null)]
    [InlineData("text", "{} ", null)]
    [InlineData("text", "", null)]
    public void The_answer_is_what_pastys_encoder_writes_for_the_paste(string content, string metadata, string? token)
    {
        var paste = new PasteRow("abc123", Encoding.UTF8.GetBytes(content), "", 1795369008, metadata);

        Assert.Equal(ReferenceAnswer(paste, token), Encoding.UTF8.GetString(PastyPasteAnswer.Write(paste, token)));
    }

    [Fact]
    public void The_answer_matches_for_every_ascii_character_invalid_utf8_and_long_or_deep_metadata()
    {
        var ascii = new string(Enumerable.Range(0, 128).Select(c => (char)c).ToArray());
        var cases = new[]
        {
            new PasteRow(ascii, Encoding.UTF8.GetBytes(ascii), "", 1, PastyMetadata.ToJson(new JsonObject { ["all"] = ascii, ["list"] = new JsonArray(1, "<b>") })),
            new PasteRow("abc123", [0x61, 0xFF, 0xC3, 0x62], "", 2, "{}"),     // not UTF-8: read as U+FFFD, as a string would
            new PasteRow("abc123", "x"u8.ToArray(), "", 3, "{\"long\":\"" + new string('a', 2000) + "\"}"),
            new PasteRow("abc123", "x"u8.ToArray(), "", 4, string.Concat(Enumerable.Repeat("{\"d\":", 70)) + "1" + new string('}', 70)), // deeper than JSON's default limit
        };
        foreach (var paste in cases)
            Assert.Equal(ReferenceAnswer(paste, ascii), Encoding.UTF8.GetString(PastyPasteAnswer.Write(paste, ascii)));
    }

    /// <summary>pasty's wire format by way of the serializer: content decoded, metadata parsed ({} unless one object), readable encoder.</summary>
    private static string ReferenceAnswer(PasteRow paste, string? token)
    {
        JsonElement metadata;
        try
        {
            metadata = JsonElement.Parse(paste.Metadata);
            if (metadata.ValueKind != JsonValueKind.Object) metadata = JsonElement.Parse("{}");
        }
        catch (JsonException)
        {
            metadata = JsonElement.Parse("{}");
        }
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        return JsonSerializer.Serialize(new
        {
            id = paste.Id, content = Encoding.UTF8.GetString(paste.Content), modificationToken = token, created = paste.Created, metadata,
        }, options);
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
