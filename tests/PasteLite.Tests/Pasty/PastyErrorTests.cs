using System.Net;
using System.Text;
using PasteLite.Config;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Pasty;

/// <summary>Every error path: pasty's plain-text messages and status codes, and 400 (not 500) for bad JSON.</summary>
public sealed class PastyErrorTests
{
    [Theory]
    [InlineData("{\"content\":\"\"}")]
    [InlineData("{\"content\":null}")]
    [InlineData("{\"metadata\":{}}")]
    [InlineData("{}")]
    [InlineData("null")]
    public async Task Create_without_content_is_400_missing_paste_content(string body)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var response = await server.Client.PostAsync("/api/v2/pastes", PastyTestSupport.Json(body));

        await response.AssertTextAsync(HttpStatusCode.BadRequest, "missing paste content");
        Assert.Equal(0, home.PasteCount());
    }

    [Theory]
    [InlineData("{", "invalid request body: malformed JSON at line 1, byte 2")]
    [InlineData("{\"content\":\"x\",}", "invalid request body: malformed JSON at line 1, byte 16")]
    [InlineData("", "invalid request body: expected a JSON object, got an empty body")]
    [InlineData("[1,2]", "invalid request body: expected a JSON object")]
    [InlineData("\"content\"", "invalid request body: expected a JSON object")]
    [InlineData("{\"content\":123}", "invalid request body: content must be a string")]
    [InlineData("{\"content\":[\"a\"]}", "invalid request body: content must be a string")]
    [InlineData("{\"content\":\"\\ud800\"}", "invalid request body: content holds text that is not valid Unicode")]
    [InlineData("{\"content\":\"x\",\"metadata\":[]}", "invalid request body: metadata must be a JSON object")]
    [InlineData("{\"content\":\"x\",\"metadata\":\"x\"}", "invalid request body: metadata must be a JSON object")]
    [InlineData("{\"content\":\"x\",\"metadata\":1}", "invalid request body: metadata must be a JSON object")]
    [InlineData("{\"content\":\"x\",\"metadata\":{\"a\":\"\\ud800\"}}", "invalid request body: metadata holds text that is not valid Unicode")]
    [InlineData("{\"content\":\"x\",\"metadata\":{\"\\udc00\":1}}", "invalid request body: metadata holds text that is not valid Unicode")]
    [InlineData("{\"content\":\"x\",\"metadata\":{\"a\":[{\"b\":\"\\ud800\"}]}}", "invalid request body: metadata holds text that is not valid Unicode")]
    public async Task Create_with_bad_json_or_wrong_types_is_400_with_a_message(string body, string message)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var response = await server.Client.PostAsync("/api/v2/pastes", PastyTestSupport.Json(body));

        await response.AssertTextAsync(HttpStatusCode.BadRequest, message);
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_400()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var body = new ByteArrayContent([.. "{\"content\":\""u8, 0xff, 0xfe, .. "\"}"u8]);

        var response = await server.Client.PostAsync("/api/v2/pastes", body);

        await response.AssertTextAsync(HttpStatusCode.BadRequest, "invalid request body: content holds text that is not valid Unicode");
    }

    [Fact]
    public async Task A_field_name_that_is_not_utf8_is_400()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var body = new ByteArrayContent([.. "{\""u8, 0xff, .. "\":1,\"content\":\"x\"}"u8]);

        var response = await server.Client.PostAsync("/api/v2/pastes", body);

        await response.AssertTextAsync(HttpStatusCode.BadRequest, "invalid request body: a field name is not valid Unicode");
    }

    [Fact]
    public async Task Length_cap_counts_utf8_bytes_not_characters()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyLengthCap, "10"));

        var atCap = await server.Client.PostAsync("/api/v2/pastes", PastyTestSupport.Json("{\"content\":\"ééééé\"}")); // 5 chars, 10 bytes
        var overCap = await server.Client.PostAsync("/api/v2/pastes", PastyTestSupport.Json("{\"content\":\"éééééé\"}")); // 6 chars, 12 bytes
        var ascii = await server.Client.PostAsync("/api/v2/pastes", PastyTestSupport.Json("{\"content\":\"12345678901\"}"));

        Assert.Equal(HttpStatusCode.Created, atCap.StatusCode);
        await overCap.AssertTextAsync(HttpStatusCode.BadRequest, "too large paste content");
        await ascii.AssertTextAsync(HttpStatusCode.BadRequest, "too large paste content");
    }

    [Fact]
    public async Task Length_cap_zero_means_no_cap()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyLengthCap, "0"));

        var created = await server.Client.CreatePasteAsync(new string('x', 200_000));

        Assert.Equal(200_000, created.Body.GetProperty("content").GetString()!.Length);
    }

    [Fact]
    public async Task A_body_far_beyond_the_cap_is_refused_without_being_stored()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyLengthCap, "100"));

        var huge = "{\"content\":\"" + new string('x', 5 << 20) + "\"}";
        var response = await server.Client.PostAsync("/api/v2/pastes", new StringContent(huge, Encoding.UTF8, "application/json"));

        await response.AssertTextAsync(HttpStatusCode.BadRequest, "too large paste content");
        Assert.Equal(0, home.PasteCount());
    }

    [Fact]
    public async Task Get_patch_and_delete_of_an_unknown_paste_are_404()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyAdminToken, "admin-secret"));

        await (await server.Client.GetAsync("/api/v2/pastes/nope42")).AssertTextAsync(HttpStatusCode.NotFound, "paste not found");
        // The lookup runs before the token check: 404 wins over 401.
        await (await server.Client.SendAsync(HttpMethod.Patch, "/api/v2/pastes/nope42", "{}")).AssertTextAsync(HttpStatusCode.NotFound, "paste not found");
        await (await server.Client.SendAsync(HttpMethod.Delete, "/api/v2/pastes/nope42")).AssertTextAsync(HttpStatusCode.NotFound, "paste not found");
        await (await server.Client.SendAsync(HttpMethod.Patch, "/api/v2/pastes/nope42", "{", "admin-secret")).AssertTextAsync(HttpStatusCode.NotFound, "paste not found");
    }

    [Fact]
    public async Task Patch_checks_the_token_before_reading_the_body()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = await server.Client.CreatePasteAsync();

        var response = await server.Client.SendAsync(HttpMethod.Patch, $"/api/v2/pastes/{created.Id}", "{ not json");

        await response.AssertTextAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("{\"content\":\"\"}", HttpStatusCode.BadRequest, "missing paste content")]
    [InlineData("{\"content\":\"12345678901\"}", HttpStatusCode.BadRequest, "too large paste content")]
    [InlineData("{\"content\":false}", HttpStatusCode.BadRequest, "invalid request body: content must be a string")]
    [InlineData("{\"metadata\":[1]}", HttpStatusCode.BadRequest, "invalid request body: metadata must be a JSON object")]
    [InlineData("{\"content\":", HttpStatusCode.BadRequest, "invalid request body: malformed JSON at line 1, byte 12")]
    [InlineData("", HttpStatusCode.BadRequest, "invalid request body: expected a JSON object, got an empty body")]
    public async Task Patch_validation_errors_are_400_and_change_nothing(string body, HttpStatusCode status, string message)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyLengthCap, "10"));
        var created = await server.Client.CreatePasteAsync("original");

        var response = await server.Client.SendAsync(HttpMethod.Patch, $"/api/v2/pastes/{created.Id}", body, created.ModificationToken);

        await response.AssertTextAsync(status, message);
        var paste = await (await server.Client.GetAsync($"/api/v2/pastes/{created.Id}")).ReadJsonAsync();
        Assert.Equal("original", paste.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Wrong_methods_are_405_and_unknown_api_paths_404()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = await server.Client.CreatePasteAsync();

        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await server.Client.SendAsync(HttpMethod.Put, $"/api/v2/pastes/{created.Id}", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await server.Client.SendAsync(HttpMethod.Post, $"/api/v2/pastes/{created.Id}", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/api/v2/nothing")).StatusCode);
    }
}
