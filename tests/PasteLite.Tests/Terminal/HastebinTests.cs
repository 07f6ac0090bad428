using System.Net;
using System.Text.Json;
using PasteLite.Config;
using PasteLite.Tests.Pasty;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Terminal;

/// <summary>hastebin's /documents routes on the same pastes, with hastebin's {"message"} errors.</summary>
public sealed class HastebinTests
{
    [Fact]
    public async Task Post_documents_answers_the_key_and_the_document_and_raw_routes_read_it()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var created = await server.Client.PostBytesAsync("/documents", "line 1\r\nline 2"u8.ToArray(), "text/plain; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("application/json", created.Content.Headers.ContentType?.MediaType);
        var body = await created.Content.ReadAsStringAsync();
        var key = JsonElement.Parse(body).GetProperty("key").GetString()!;
        Assert.Equal($"{{\"key\":\"{key}\"}}", body);
        Assert.Matches("^[A-Za-z0-9]{12}$", created.Header("X-Modification-Token"));
        Assert.Equal($"{{\"key\":\"{key}\",\"data\":\"line 1\\r\\nline 2\"}}", await server.Client.GetStringAsync($"/documents/{key}"));
        Assert.Equal("line 1\r\nline 2", await server.Client.GetStringAsync($"/raw/{key}"));
        Assert.Equal("line 1\r\nline 2", await server.Client.GetStringAsync($"/{key}"));
    }

    [Fact]
    public async Task Raw_keeps_bytes_that_are_not_utf8_and_the_json_read_replaces_them()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var created = await server.Client.PostBytesAsync("/documents", TerminalTestSupport.AwkwardBytes);
        var key = JsonElement.Parse(await created.Content.ReadAsStringAsync()).GetProperty("key").GetString()!;

        Assert.Equal(TerminalTestSupport.AwkwardBytes, await server.Client.GetByteArrayAsync($"/raw/{key}"));
        var data = JsonElement.Parse(await server.Client.GetStringAsync($"/documents/{key}")).GetProperty("data").GetString();
        Assert.Equal("hi\r\n\uFFFD\uFFFD\0{é\r\nz", data);
    }

    [Fact]
    public async Task A_form_data_field_is_hastebins_content()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        using var form = new MultipartFormDataContent { { new StringContent("from a form"), "data" } };

        var created = await server.Client.PostAsync("/documents", form);

        var key = JsonElement.Parse(await created.Content.ReadAsStringAsync()).GetProperty("key").GetString()!;
        Assert.Equal("from a form", await server.Client.GetStringAsync($"/raw/{key}"));
    }

    [Fact]
    public async Task Errors_are_hastebins_message_json()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyLengthCap, "5"));

        await AssertMessage(await server.Client.GetAsync("/documents/nope42"), HttpStatusCode.NotFound, "Document not found.");
        await AssertMessage(await server.Client.PostBytesAsync("/documents", []), HttpStatusCode.BadRequest, "missing paste content");
        await AssertMessage(await server.Client.PostBytesAsync("/documents", new byte[6]), HttpStatusCode.RequestEntityTooLarge, "too large paste content");
        await AssertMessage(await server.Client.PostTextAsync("/documents", "x", ("Expire", "soon")), HttpStatusCode.BadRequest,
            "invalid expiry \"soon\": use a positive duration such as 30s, 10m, 1h or 7d");
    }

    [Fact]
    public async Task The_terminal_options_work_on_documents_too()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var created = await server.Client.PostTextAsync("/documents", "x", ("Expire", "10m"), ("Burn-After-Reading", "true"));

        var key = JsonElement.Parse(await created.Content.ReadAsStringAsync()).GetProperty("key").GetString()!;
        Assert.InRange(home.ExpiresAt(key)!.Value - PastyTestSupport.Now, 598, 601);
        Assert.Equal(1, home.BurnFlag(key));
    }

    [Fact]
    public async Task Without_hastebin_support_documents_is_gone_but_raw_stays()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyHastebinSupport, "false"));
        var paste = await server.Client.PasteAsync("still raw");

        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.PostTextAsync("/documents", "x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/documents/{paste.Id}")).StatusCode);
        Assert.Equal("still raw", await server.Client.GetStringAsync($"/raw/{paste.Id}"));
        Assert.Equal(1, home.PasteCount());
    }

    [Fact]
    public async Task Documents_are_rate_limited_as_pasty_does()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyRateLimit, "1-M"));

        var first = await server.Client.PostTextAsync("/documents", "a");
        var second = await server.Client.GetAsync("/documents/nope42");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    private static async Task AssertMessage(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(message, JsonElement.Parse(await response.Content.ReadAsStringAsync()).GetProperty("message").GetString());
    }
}
