using System.Net;
using PasteLite.Config;
using PasteLite.Tests.Pasty;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Terminal;

/// <summary>GET / (guide or home page), and /{id} never swallowing another surface's paths.</summary>
public sealed class TerminalRoutingTests
{
    [Fact]
    public async Task Curl_on_the_root_gets_a_plain_text_guide_with_this_servers_url()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.ExternalUrl, "https://paste.example.com"));

        var response = await server.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("Accept", response.Header("Vary"));
        var guide = await response.Content.ReadAsStringAsync();
        Assert.Contains("curl --data-binary @file.txt https://paste.example.com/\n", guide);
        Assert.Contains("some-command | curl --data-binary @- https://paste.example.com/\n", guide);
        Assert.Contains("curl -F file=@notes.txt https://paste.example.com/\n", guide);
        Assert.Contains("curl -H 'Expire: 10m' --data-binary @file.txt https://paste.example.com/\n", guide);
        Assert.Contains("curl -H 'Burn-After-Reading: true'", guide);
        Assert.Contains("curl -X DELETE -H 'Authorization: Bearer <token>' https://paste.example.com/<id>\n", guide);
        Assert.Contains("pastelite paste file.txt --server https://paste.example.com", guide);
        Assert.Contains("POST https://paste.example.com/documents", guide);
        Assert.Contains("at most 50000 bytes", guide);
        Assert.DoesNotContain("Authorization: Bearer og_", guide);
    }

    [Fact]
    public async Task The_guide_follows_the_settings()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyRequireToken, "true"), (SettingKeys.PastyHastebinSupport, "false"),
            (SettingKeys.PastyLengthCap, "0"));

        var guide = await server.Client.GetStringAsync("/");

        Assert.Contains("curl -H 'Authorization: Bearer og_...' --data-binary @file.txt http://localhost/\n", guide);
        Assert.Contains("needs a personal access token with gist:write", guide);
        Assert.DoesNotContain("/documents", guide);
        Assert.Contains("no size cap", guide);
    }

    [Fact]
    public async Task A_browser_on_the_root_gets_the_home_page_with_a_form_that_works_without_script()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var response = await server.Client.BrowseAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form id=\"new-paste\" method=\"post\" action=\"/-/pastes\">", html);
        Assert.Contains("name=\"content\"", html);
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)", html);
        Assert.StartsWith("default-src 'none';", response.Header("Content-Security-Policy"));
    }

    [Fact]
    public async Task Other_top_level_paths_keep_their_own_answers()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        Assert.Equal("application/json", (await server.Client.GetAsync("/healthcheck")).Content.Headers.ContentType?.MediaType);
        var api = await server.Client.GetAsync("/api");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("{\"message\":\"Not found\",\"status\":404}", await api.Content.ReadAsStringAsync()); // Opengist's 404, not a paste lookup
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/api/v2/info")).StatusCode);
        var documents = await server.Client.GetAsync("/documents");
        Assert.Equal(HttpStatusCode.NotFound, documents.StatusCode);
        Assert.Equal("", await documents.Content.ReadAsStringAsync()); // no route: not "paste not found"
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/-")).StatusCode);
    }

    [Theory]
    [InlineData("/a-b")]
    [InlineData("/%C3%A9t%C3%A9")]
    public async Task Paths_that_cannot_be_paste_ids_are_not_routed_to_pastes(string path)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var response = await server.Client.GetAsync(path);

        // Not a paste lookup: no route at all, or (for a valid user name like a-b) the user page's 404.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("paste not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Configured_id_characters_are_routable()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyIdCharacters, "ab-_"), (SettingKeys.PastyIdLength, "8"));

        var paste = await server.Client.PasteAsync("dashes");

        Assert.Matches("^[ab_-]{8}$", paste.Id);
        Assert.Equal("dashes", await server.Client.GetStringAsync($"/{paste.Id}"));
        await (await server.Client.GetAsync("/a-b")).AssertTextAsync(HttpStatusCode.NotFound, "paste not found");
    }

    [Fact]
    public async Task Without_pasty_enabled_there_is_no_terminal_surface()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyEnabled, "false"));

        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Created, (await server.Client.PostTextAsync("/", "x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/abcdef")).StatusCode);
        // No hastebin route. ASP.NET answers 405 rather than 404 for a POST to any single segment here: the user page's
        // GET /{user} route has that shape, and the method check does not run its constraint (which refuses "documents").
        Assert.Contains((await server.Client.PostTextAsync("/documents", "x")).StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/documents/abcdef")).StatusCode);
        Assert.Equal(0, home.PasteCount());
    }

    [Fact]
    public async Task Unsupported_methods_on_a_paste_are_405()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var paste = await server.Client.PasteAsync("x");

        var response = await server.Client.PutAsync($"/{paste.Id}", new StringContent("y"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
