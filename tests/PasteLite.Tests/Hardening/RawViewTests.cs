using System.Net;
using System.Text;
using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Gists;
using PasteLite.Tests.Terminal;
using PasteLite.Tests.Web;

namespace PasteLite.Tests.Hardening;

/// <summary>
/// Hostile user content (SVG with onload, HTML with script, binary) through every raw view: always plain text or an
/// octet stream, never sniffed, and never rendered inline by a page.
/// </summary>
public sealed class RawViewTests : WebTest
{
    private const string Svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(document.domain)\"><circle r=\"9\"/></svg>";
    private const string Html = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script><iframe src=\"javascript:alert(1)\"></iframe></body></html>";
    private static readonly byte[] Binary = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0xFF, 0x3C, 0x73, 0x76, 0x67];

    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string> { [SettingKeys.PastyRateLimit] = "off" };

    private static async Task AssertRaw(HttpResponseMessage response, byte[] expected, string contentType, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode}");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
        response.AssertSecurityHeaders(what);
    }

    public static TheoryData<string> PasteContents => new() { Svg, Html };

    [Theory]
    [MemberData(nameof(PasteContents))]
    public async Task Every_raw_paste_route_answers_utf8_plain_text_with_nosniff(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var id = (await Server.Client.PasteAsync(bytes)).Id;

        foreach (var path in new[] { $"/{id}/raw", $"/raw/{id}", $"/{id}", $"/{id}.svg", $"/{id}.html" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept", "*/*"); // as curl sends it
            await AssertRaw(await Server.Client.SendAsync(request), bytes, "text/plain; charset=utf-8", path);
        }
    }

    [Fact]
    public async Task Binary_pastes_stay_plain_text_and_are_never_sniffed()
    {
        var id = (await Server.Client.PasteAsync(Binary)).Id;
        foreach (var path in new[] { $"/{id}/raw", $"/raw/{id}", $"/{id}" })
            await AssertRaw(await Server.Client.GetAsync(path), Binary, "text/plain; charset=utf-8", path);
    }

    [Theory]
    [MemberData(nameof(PasteContents))]
    public async Task A_paste_page_shows_svg_and_html_escaped(string content)
    {
        var id = (await Server.Client.PasteAsync(content)).Id;

        foreach (var path in new[] { $"/{id}", $"/{id}.svg", $"/{id}.html" })
        {
            var page = await NewBrowser().GetAsync(path);
            AssertStatus(HttpStatusCode.OK, page);
            AssertStrictPage(page);
            page.Response.AssertSecurityHeaders(path);
            Assert.Contains("&lt;" + content[1..8], page.Html); // shown as text
            Assert.DoesNotContain("<svg xmlns=\"http://www.w3.org/2000/svg\" onload", page.Html);
            Assert.DoesNotContain("<script>alert", page.Html);
            Assert.DoesNotContain("<iframe", page.Html);
        }
    }

    [Fact]
    public async Task Gist_files_named_svg_and_html_are_raw_text_on_the_api_and_the_web_and_escaped_on_the_page()
    {
        var (_, alice) = await SignedIn("alice");
        var path = CreateGist(alice, Visibility.Public, [
            new NewFile("x.svg", Encoding.UTF8.GetBytes(Svg)),
            new NewFile("x.html", Encoding.UTF8.GetBytes(Html)),
            new NewFile("x.png", Binary),
            new NewFile("README.md", Encoding.UTF8.GetBytes($"# Notes\n\n{Svg}\n\n{Html}\n\n[click](javascript:alert(1))\n")),
        ]);
        var uuid = Gist(path).Uuid;
        var version = Server.Get<GistQueries>().HeadRevision(Gist(path).Id)!.Version;

        foreach (var (file, bytes, type) in new[]
                 {
                     ("x.svg", Encoding.UTF8.GetBytes(Svg), "text/plain; charset=utf-8"),
                     ("x.html", Encoding.UTF8.GetBytes(Html), "text/plain; charset=utf-8"),
                     ("x.png", Binary, "application/octet-stream"),
                 })
        {
            var api = await Server.Client.GetAsync($"/api/gists/{uuid}/files/{version}/{file}");
            await AssertRaw(api, bytes, type, "api " + file);
            Assert.Contains("sandbox", api.Headers.GetValues("Content-Security-Policy").Single());

            var web = await NewBrowser().GetAsync($"{path}/raw/{version}/{file}");
            await AssertRaw(web.Response, bytes, type, "web " + file);
            Assert.Contains("sandbox", web.Response.Headers.GetValues("Content-Security-Policy").Single());
            if (type == "application/octet-stream") Assert.Equal("attachment", web.Response.Content.Headers.ContentDisposition!.DispositionType);
        }

        var page = await NewBrowser().GetAsync(path);
        AssertStatus(HttpStatusCode.OK, page);
        AssertStrictPage(page);
        page.Response.AssertSecurityHeaders("gist page");
        Assert.Contains("&lt;svg xmlns=&quot;http://www.w3.org/2000/svg&quot; onload=&quot;alert(document.domain)&quot;&gt;", page.Html);
        Assert.Contains("&lt;script&gt;alert(document.cookie)&lt;/script&gt;", page.Html);
        Assert.DoesNotContain("<svg xmlns=\"http://www.w3.org/2000/svg\" onload", page.Html);
        Assert.DoesNotContain("<script>alert", page.Html);
        Assert.DoesNotContain("<iframe", page.Html);
        Assert.DoesNotContain("href=\"javascript:", page.Html, StringComparison.OrdinalIgnoreCase);
    }
}
