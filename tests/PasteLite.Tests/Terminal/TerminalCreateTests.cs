using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PasteLite.Config;
using PasteLite.Tests.Pasty;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Terminal;

/// <summary>POST /: the body byte for byte (a multipart form's file part), answered with the URL as one line.</summary>
public sealed class TerminalCreateTests
{
    [Theory]
    [InlineData("application/x-www-form-urlencoded")] // what curl --data-binary says
    [InlineData("text/plain")]
    [InlineData("application/json")]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    public async Task The_body_is_stored_byte_for_byte_whatever_the_content_type(string? contentType)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var response = await server.Client.PostBytesAsync("/", TerminalTestSupport.AwkwardBytes, contentType);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var url = await response.Content.ReadAsStringAsync();
        Assert.Matches("^http://localhost/[A-Za-z0-9]{6}\n$", url);
        Assert.Equal(url.TrimEnd('\n'), response.Headers.Location?.OriginalString);
        Assert.Matches("^[A-Za-z0-9]{12}$", response.Header("X-Modification-Token"));
        var id = url.TrimEnd('\n')[^6..];
        Assert.Equal(TerminalTestSupport.AwkwardBytes, await server.Client.GetByteArrayAsync($"/{id}"));
        Assert.Equal(TerminalTestSupport.AwkwardBytes, TestDatabase.Scalar<byte[]>(home.DatabasePath, "SELECT content FROM pastes WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task A_body_that_looks_like_a_form_is_not_parsed_as_one()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var paste = await server.Client.PasteAsync("content=hello&file=x%20y\n");

        Assert.Equal("content=hello&file=x%20y\n", await server.Client.GetStringAsync($"/{paste.Id}"));
    }

    [Fact]
    public async Task A_multipart_file_part_is_the_content_even_after_other_fields()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("ignored"), "comment" },
            { new ByteArrayContent(TerminalTestSupport.AwkwardBytes), "file", "notes.txt" },
            { new StringContent("after"), "content" },
        };

        var response = await server.Client.PostAsync("/", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadAsStringAsync()).TrimEnd('\n')[^6..];
        Assert.Equal(TerminalTestSupport.AwkwardBytes, await server.Client.GetByteArrayAsync($"/raw/{id}"));
    }

    [Theory]
    [InlineData("content")]
    [InlineData("file")]
    public async Task A_plain_form_field_named_content_or_file_works_as_text(string field)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" }, { new StringContent("line 1\r\nline 2"), field } };

        var response = await server.Client.PostAsync("/", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadAsStringAsync()).TrimEnd('\n')[^6..];
        Assert.Equal("line 1\r\nline 2", await server.Client.GetStringAsync($"/{id}"));
    }

    [Fact]
    public async Task Bad_forms_are_400_with_a_reason()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        using var noContent = new MultipartFormDataContent { { new StringContent("x"), "comment" } };

        await (await server.Client.PostAsync("/", noContent)).AssertLineAsync(HttpStatusCode.BadRequest,
            "the form has no file part and no field named file or content");
        await (await server.Client.PostBytesAsync("/", "x"u8.ToArray(), "multipart/form-data")).AssertLineAsync(HttpStatusCode.BadRequest,
            "multipart/form-data without a boundary");
        var truncated = await server.Client.PostBytesAsync("/", "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nabc"u8.ToArray(),
            "multipart/form-data; boundary=b");
        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        Assert.StartsWith("malformed multipart/form-data: ", await truncated.Content.ReadAsStringAsync());
        Assert.Equal(0, home.PasteCount());
    }

    [Fact]
    public async Task An_empty_body_or_empty_file_is_400_missing_paste_content()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        using var emptyFile = new MultipartFormDataContent { { new ByteArrayContent([]), "file", "empty.txt" } };

        await (await server.Client.PostBytesAsync("/", [])).AssertLineAsync(HttpStatusCode.BadRequest, "missing paste content");
        await (await server.Client.PostAsync("/", emptyFile)).AssertLineAsync(HttpStatusCode.BadRequest, "missing paste content");
        Assert.Equal(0, home.PasteCount());
    }

    [Fact]
    public async Task The_size_cap_counts_bytes_and_refuses_with_413_whether_the_length_is_declared_or_not()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyLengthCap, "10"));
        using var bigFile = new MultipartFormDataContent { { new ByteArrayContent(new byte[11]), "file", "big.bin" } };

        await server.Client.PasteAsync(new byte[10]);
        await (await server.Client.PostBytesAsync("/", new byte[11])).AssertLineAsync(HttpStatusCode.RequestEntityTooLarge, "too large paste content");
        var chunked = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new UnknownLengthContent(new byte[11]) };
        await (await server.Client.SendAsync(chunked)).AssertLineAsync(HttpStatusCode.RequestEntityTooLarge, "too large paste content");
        await (await server.Client.PostAsync("/", bigFile)).AssertLineAsync(HttpStatusCode.RequestEntityTooLarge, "too large paste content");
        await (await server.Client.PostTextAsync("/", "ééééé€")).AssertLineAsync(HttpStatusCode.RequestEntityTooLarge, "too large paste content"); // 6 chars, 13 bytes
        Assert.Equal(1, home.PasteCount());
    }

    [Fact]
    public async Task The_url_is_built_from_external_url_when_set()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.ExternalUrl, "https://paste.example.com"));

        var paste = await server.Client.PasteAsync("x");

        Assert.Equal($"https://paste.example.com/{paste.Id}", paste.Url);
    }

    [Fact]
    public async Task Forwarded_proto_and_host_shape_the_url_only_from_a_trusted_proxy()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.TrustedProxies, "10.0.0.1"));

        async Task<string> PasteFrom(string peer)
        {
            var context = await server.SendFromAsync(peer, c =>
            {
                c.Request.Method = "POST";
                c.Request.Path = "/";
                c.Request.Headers["X-Forwarded-Proto"] = "https";
                c.Request.Headers["X-Forwarded-Host"] = "paste.example.org";
                c.Request.Body = new MemoryStream("x"u8.ToArray());
            });
            Assert.Equal(201, context.Response.StatusCode);
            return context.Response.Headers.Location.ToString();
        }

        Assert.StartsWith("https://paste.example.org/", await PasteFrom("10.0.0.1"));
        Assert.StartsWith("http://localhost/", await PasteFrom("192.0.2.7"));
    }

    [Fact]
    public async Task Without_modification_tokens_there_is_no_token_header()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyModificationTokens, "false"));

        var paste = await server.Client.PasteAsync("x");

        Assert.Null(paste.Token);
    }

    [Fact]
    public async Task Terminal_pastes_are_pastys_pastes_one_store_one_id_space()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var paste = await server.Client.PasteAsync("shared\n");
        var json = await (await server.Client.GetAsync($"/api/v2/pastes/{paste.Id}")).ReadJsonAsync();

        Assert.Equal("shared\n", json.GetProperty("content").GetString());
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(HttpMethod.Delete, $"/api/v2/pastes/{paste.Id}", bearer: paste.Token)).StatusCode);
    }

    [Fact]
    public async Task Creating_is_rate_limited_like_pastys_paste_routes()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyRateLimit, "2-M"));

        var first = await server.Client.PostTextAsync("/", "a");
        await server.Client.PostTextAsync("/", "b");
        var third = await server.Client.PostTextAsync("/", "c");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("1", first.Header("X-RateLimit-Remaining"));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(2, home.PasteCount());
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/")).StatusCode); // the guide is not counted
    }

    [Fact]
    public async Task A_browser_form_post_is_sent_on_to_the_pastes_page()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        using var form = new MultipartFormDataContent { { new StringContent("from the home page"), "content" } };

        var response = await server.Client.BrowseAsync("/", HttpMethod.Post, form);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var page = await server.Client.BrowseAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("from the home page</code></pre>", await page.Content.ReadAsStringAsync());
    }

    /// <summary>A body sent without Content-Length (chunked), as `curl -T -` or a pipe may.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
