using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PasteLite.Data;
using PasteLite.Gists;
using PasteLite.Web.Pages;

namespace PasteLite.Tests.Web;

/// <summary>/all, a user's gist list (UserPages.TryRender, mapped at /{user} by the single-segment dispatcher) and require-login.</summary>
public class GistListPageTests : WebTest
{
    /// <summary>Renders a user's page as the dispatcher will: null when there is no such user.</summary>
    private async Task<Page?> UserPage(string username, Browser? asUser = null, string query = "")
    {
        using var scope = Server.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Path = "/" + username;
        context.Request.QueryString = new QueryString(query);
        if (asUser?.Cookie("pastelite_session") is { } session) context.Request.Headers.Cookie = $"pastelite_session={session}";
        var body = new MemoryStream();
        context.Response.Body = body;
        if (UserPages.TryRender(context, username) is not { } result) return null;
        await result.ExecuteAsync(context);
        var response = new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode);
        foreach (var header in context.Response.Headers) response.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        return new Page(response.StatusCode, System.Text.Encoding.UTF8.GetString(body.ToArray()), context.Response.Headers.Location, response);
    }

    [Fact]
    public async Task All_lists_public_gists_only_newest_first_and_pages_by_thirty()
    {
        var (alice, aliceRow) = await SignedIn("alice");
        CreateGist(aliceRow, Visibility.Unlisted, [new NewFile("u.txt", "u"u8.ToArray())], title: "unlisted one");
        CreateGist(aliceRow, Visibility.Private, [new NewFile("p.txt", "p"u8.ToArray())], title: "private one");
        for (var i = 0; i < 31; i++)
            CreateGist(aliceRow, Visibility.Public, [new NewFile("f.txt", "x"u8.ToArray())], title: $"public <{i:D2}>");

        var first = await alice.GetAsync("/all"); // the owner too sees only public gists here
        AssertStatus(HttpStatusCode.OK, first);
        AssertStrictPage(first);
        Assert.Contains("31 public gists", first.Html);
        Assert.DoesNotContain("unlisted one", first.Html);
        Assert.DoesNotContain("private one", first.Html);
        Assert.Contains("public &lt;30&gt;", first.Html);
        Assert.DoesNotContain("public &lt;00&gt;", first.Html);
        Assert.Contains("href=\"/all?page=2\"", first.Html);

        var second = await NewBrowser().GetAsync("/all?page=2");
        Assert.Contains("public &lt;00&gt;", second.Html);
        Assert.DoesNotContain("public &lt;01&gt;", second.Html);
        Assert.Contains("href=\"/all?page=1\"", second.Html);
        AssertStatus(HttpStatusCode.OK, await NewBrowser().GetAsync("/all?page=-4"));
    }

    [Fact]
    public async Task A_user_page_shows_their_public_gists_and_all_of_them_to_themselves()
    {
        var (alice, aliceRow) = await SignedIn("alice");
        var (bob, _) = await SignedIn("bob");
        CreateGist(aliceRow, Visibility.Public, [new NewFile("a.txt", "a"u8.ToArray())], title: "open one");
        CreateGist(aliceRow, Visibility.Unlisted, [new NewFile("u.txt", "u"u8.ToArray())], title: "unlisted one");
        CreateGist(aliceRow, Visibility.Private, [new NewFile("p.txt", "p"u8.ToArray())], title: "private one");

        Assert.Null(await UserPage("nobody"));
        foreach (var viewer in new Browser?[] { null, bob })
        {
            var page = (await UserPage("alice", viewer))!;
            AssertStatus(HttpStatusCode.OK, page);
            AssertStrictPage(page);
            Assert.Contains("open one", page.Html);
            Assert.DoesNotContain("unlisted one", page.Html);
            Assert.DoesNotContain("private one", page.Html);
        }
        var own = (await UserPage("ALICE", alice))!;
        Assert.Contains("open one", own.Html);
        Assert.Contains("unlisted one", own.Html);
        Assert.Contains("private one", own.Html);
        Assert.Contains("href=\"/-/new\"", own.Html);
    }

    [Fact]
    public async Task Require_login_sends_anonymous_visitors_to_log_in_except_to_single_gists_when_allowed()
    {
        var (alice, aliceRow) = await SignedIn("alice");
        var path = CreateGist(aliceRow, Visibility.Public, ("a.txt", "alpha"));
        var version = Server.Get<GistQueries>().HeadRevision(Gist(path).Id)!.Version;
        var store = Server.Get<AdminSettingsStore>();
        store.Set(AdminSettings.RequireLoginKey, true);

        var anonymous = NewBrowser();
        var pages = new[] { "/all?page=2", path, $"{path}/revisions", $"{path}/raw/{version}/a.txt", $"{path}/rev/{version}" };
        foreach (var url in pages)
        {
            var page = await anonymous.GetAsync(url);
            AssertStatus(HttpStatusCode.Redirect, page);
            Assert.Equal("/-/login?return=" + Uri.EscapeDataString(url), page.Location);
        }
        Assert.Equal("/-/login?return=%2Falice", (await UserPage("alice"))!.Location);
        Assert.Null(await UserPage("nobody")); // the dispatcher may still try a paste
        foreach (var url in pages) AssertStatus(HttpStatusCode.OK, await alice.GetAsync(url));
        AssertStatus(HttpStatusCode.OK, (await UserPage("alice", alice))!);

        store.Set(AdminSettings.AllowGistsWithoutLoginKey, true);
        foreach (var url in pages.Skip(1)) AssertStatus(HttpStatusCode.OK, await anonymous.GetAsync(url));
        AssertStatus(HttpStatusCode.Redirect, await anonymous.GetAsync("/all"));
        AssertStatus(HttpStatusCode.Redirect, (await UserPage("alice"))!);
    }

    [Fact]
    public async Task Every_gist_page_has_the_strict_csp_and_no_inline_script_or_style()
    {
        var (alice, aliceRow) = await SignedIn("alice");
        var path = CreateGist(aliceRow, Visibility.Public, ("README.md", "# x\n<style>body{}</style>\n<p style=\"color:red\" onclick=\"x()\">\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n"),
            ("code.js", "document.write('<script>alert(1)</script>')"));
        foreach (var url in new[] { path, $"{path}/revisions", $"{path}/edit", "/-/new", "/all", "/alice/raw-not-a-gist-uuid", $"{path}/rev/ffff" })
            AssertStrictPage(await alice.GetAsync(url));
        AssertStrictPage((await UserPage("alice", alice))!);
    }
}
