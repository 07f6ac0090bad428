using System.Net;
using PasteLite.Data;
using PasteLite.Tests.Pasty;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Terminal;

/// <summary>Reading: raw for curl, the page for browsers, burn-after-reading exactly once.</summary>
public sealed class TerminalReadTests
{
    [Theory]
    [InlineData("/{0}")]
    [InlineData("/{0}/raw")]
    [InlineData("/raw/{0}")]
    public async Task Curl_gets_the_raw_bytes_as_utf8_plain_text_with_nosniff(string pattern)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var paste = await server.Client.PasteAsync(TerminalTestSupport.AwkwardBytes);

        var response = await server.Client.GetAsync(string.Format(pattern, paste.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TerminalTestSupport.AwkwardBytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
    }

    [Fact]
    public async Task Raw_routes_stay_raw_for_browsers_and_html_content_is_never_served_as_html()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var paste = await server.Client.PasteAsync("<script>alert(1)</script>");

        var raw = await server.Client.BrowseAsync($"/raw/{paste.Id}");

        Assert.Equal("text/plain; charset=utf-8", raw.Content.Headers.ContentType?.ToString());
        Assert.Equal("<script>alert(1)</script>", await raw.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_browser_gets_a_page_with_the_content_escaped_a_raw_link_and_a_strict_csp()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var paste = await server.Client.PasteAsync("<script>alert('x')</script> & \"q\"\n");

        var response = await server.Client.BrowseAsync($"/{paste.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;\n</code></pre>", html);
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)", html); // only the page's own script files
        Assert.Contains($"href=\"/{paste.Id}/raw\"", html);
        var csp = response.Header("Content-Security-Policy");
        Assert.StartsWith("default-src 'none';", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("Accept", response.Header("Vary"));
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
    }

    [Fact]
    public async Task A_missing_paste_is_404_for_curl_and_for_browsers()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        await (await server.Client.GetAsync("/nope42")).AssertTextAsync(HttpStatusCode.NotFound, "paste not found");
        await (await server.Client.GetAsync("/raw/nope42")).AssertTextAsync(HttpStatusCode.NotFound, "paste not found");
        var page = await server.Client.BrowseAsync("/nope42");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Paste not found", await page.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/{0}")]
    [InlineData("/{0}/raw")]
    [InlineData("/raw/{0}")]
    [InlineData("/documents/{0}")]
    [InlineData("/api/v2/pastes/{0}")]
    public async Task The_first_read_of_a_burn_after_reading_paste_deletes_it(string pattern)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var paste = await server.Client.PasteAsync("once", ("Burn-After-Reading", "true"));

        var first = await server.Client.GetAsync(string.Format(pattern, paste.Id));
        var second = await server.Client.GetAsync(string.Format(pattern, paste.Id));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("once", await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.False(home.IsStored(paste.Id));
    }

    [Fact]
    public async Task Concurrent_reads_of_a_burn_after_reading_paste_give_it_to_exactly_one()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        for (var round = 0; round < 5; round++)
        {
            var paste = await server.Client.PasteAsync("only one of you", ("Burn-After-Reading", "true"));

            var reads = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
                Task.Run(() => server.Client.GetAsync(i % 2 == 0 ? $"/{paste.Id}" : $"/raw/{paste.Id}"))));

            Assert.Single(reads, r => r.StatusCode == HttpStatusCode.OK);
            Assert.Equal(15, reads.Count(r => r.StatusCode == HttpStatusCode.NotFound));
        }
    }

    [Fact]
    public async Task The_store_burns_in_one_statement_so_parallel_burns_return_the_row_once()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var paste = await server.Client.PasteAsync("x", ("Burn-After-Reading", "true"));
        var store = server.Get<PasteStore>();

        var results = new PasteRow?[32];
        Parallel.For(0, results.Length, i => results[i] = store.Read(paste.Id));

        Assert.Single(results, r => r is not null);
        Assert.Null(store.Burn((await server.Client.PasteAsync("not burning")).Id)); // Burn only takes burn-after-reading pastes
    }

    [Fact]
    public async Task A_browser_page_asks_first_so_link_preview_gets_never_burn_the_paste()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var paste = await server.Client.PasteAsync("the secret", ("Burn-After-Reading", "true"));

        for (var i = 0; i < 3; i++)
        {
            var page = await server.Client.BrowseAsync($"/{paste.Id}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.DoesNotContain("the secret", html);
            Assert.Contains($"<form method=\"post\" action=\"/{paste.Id}\" id=\"paste-reveal\">", html);
            Assert.Equal("no-store", page.Header("Cache-Control"));
        }
        Assert.True(home.IsStored(paste.Id));

        var revealed = await RevealAsync(server, paste.Id);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Contains("the secret</code></pre>", await revealed.Content.ReadAsStringAsync());
        Assert.False(home.IsStored(paste.Id));

        var again = await RevealAsync(server, paste.Id);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task A_post_to_a_paste_without_the_pages_reveal_field_is_a_400_and_burns_nothing()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var paste = await server.Client.PasteAsync("x", ("Burn-After-Reading", "true"));

        var response = await server.Client.PostTextAsync($"/{paste.Id}", "oops, meant POST /");

        var malformed = await server.Client.PostBytesAsync($"/{paste.Id}", "--b\r\nContent-Disposition: form-data; name=\"reveal\"\r\n\r\n1"u8.ToArray(),
            "multipart/form-data; boundary=b");

        await response.AssertLineAsync(HttpStatusCode.BadRequest,
            $"POST / creates a paste; POST /{paste.Id} only reveals a burn-after-reading paste from its page (form field reveal)");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True(home.IsStored(paste.Id));
    }

    [Fact]
    public async Task Revealing_an_ordinary_paste_shows_it_and_keeps_it()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var paste = await server.Client.PasteAsync("keep me");

        var page = await RevealAsync(server, paste.Id);

        Assert.Contains("keep me</code></pre>", await page.Content.ReadAsStringAsync());
        Assert.True(home.IsStored(paste.Id));
    }

    [Fact]
    public async Task A_reveal_without_the_pages_anti_forgery_field_burns_nothing()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var paste = await server.Client.PasteAsync("x", ("Burn-After-Reading", "true"));

        var forged = await server.Client.BrowseAsync($"/{paste.Id}", HttpMethod.Post, new FormUrlEncodedContent([new("reveal", "1")]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.True(home.IsStored(paste.Id));
    }

    /// <summary>Clicks the confirmation page's button as a browser does: the anti-forgery cookie and field go along.</summary>
    private static async Task<HttpResponseMessage> RevealAsync(InProcessServer server, string id)
    {
        using var client = new PageClient(server);
        return await client.PostFormAsync($"/{id}", ("reveal", "1"));
    }
}
