using System.Net;
using PasteLite.Data;
using PasteLite.Gists;

namespace PasteLite.Tests.Web;

/// <summary>/{user}/{gist}: files highlighted and escaped, Markdown, binary files, raw, visibility, fork, like, delete.</summary>
public class GistPageTests : WebTest
{
    [Fact]
    public async Task A_gist_page_shows_every_file_escaped_with_line_links_and_raw_links()
    {
        var (_, alice) = await SignedIn("alice");
        var path = CreateGist(alice, Visibility.Public, [
            new NewFile("hello.py", "print('<b>hi</b>')\nx = 1 & 2\n"u8.ToArray()),
            new NewFile("notes.txt", "line one\nline two\nline three"u8.ToArray()),
        ], title: "Two <files>", description: "about \"this\"");
        var page = await NewBrowser().GetAsync(path);

        AssertStatus(HttpStatusCode.OK, page);
        AssertStrictPage(page);
        Assert.Contains("Two &lt;files&gt;", page.Html);
        Assert.Contains("about &quot;this&quot;", page.Html);
        Assert.Contains("<span class=\"badge\">public</span>", page.Html);
        Assert.Contains(">alice</a>", page.Html);
        Assert.Contains("print(&#39;&lt;b&gt;hi&lt;/b&gt;&#39;)\nx = 1 &amp; 2\n</code>", page.Html);
        Assert.DoesNotContain("<b>hi</b>", page.Html);
        Assert.Contains("data-highlight=\"py\"", page.Html);
        Assert.Contains("data-highlight=\"plaintext\"", page.Html);
        Assert.Contains("<a id=\"file-hello-py-L2\" href=\"#file-hello-py-L2\">2</a>", page.Html);
        Assert.Contains("<a id=\"file-notes-txt-L3\" href=\"#file-notes-txt-L3\">3</a>", page.Html);
        Assert.DoesNotContain("file-notes-txt-L4", page.Html);
        Assert.Contains("data-copy=\"source-0\"", page.Html);

        var version = Server.Get<GistQueries>().HeadRevision(Gist(path).Id)!.Version;
        Assert.Contains($"href=\"{path}/raw/{version}/hello.py\"", page.Html);
        var raw = await NewBrowser().GetAsync($"{path}/raw/{version}/hello.py");
        AssertStatus(HttpStatusCode.OK, raw);
        Assert.Equal("print('<b>hi</b>')\nx = 1 & 2\n", raw.Html);
        Assert.Equal("text/plain; charset=utf-8", raw.Response.Content.Headers.ContentType!.ToString());
        Assert.Equal("nosniff", raw.Response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("inline", raw.Response.Content.Headers.ContentDisposition!.DispositionType);
        var download = await NewBrowser().GetAsync($"{path}/raw/{version}/hello.py?download=1");
        Assert.Equal("attachment", download.Response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(HttpStatusCode.NotFound, (await NewBrowser().GetAsync($"{path}/raw/{version}/missing.py")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await NewBrowser().GetAsync($"{path}/raw/nothex/hello.py")).Status);
    }

    [Fact]
    public async Task Markdown_is_rendered_and_sanitized()
    {
        var (_, alice) = await SignedIn("alice");
        var path = CreateGist(alice, Visibility.Public, ("README.md", """
            # Heading

            <script>alert('xss')</script>

            <img src=x onerror=alert(1)>

            [bad](javascript:alert(1)) and [good](https://example.com/)
            """));
        var page = await NewBrowser().GetAsync(path);

        AssertStatus(HttpStatusCode.OK, page);
        AssertStrictPage(page);
        Assert.Contains("<div class=\"markdown\"><h1>Heading</h1>", page.Html);
        Assert.Contains("&lt;script&gt;alert", page.Html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", page.Html);
        Assert.DoesNotContain("<img", page.Html);
        Assert.DoesNotContain("href=\"javascript:", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<a href=\"https://example.com/\">good</a>", page.Html);
        // The source stays available below the rendering.
        Assert.Contains("<details class=\"source\">", page.Html);
    }

    [Fact]
    public async Task A_binary_file_shows_its_size_and_a_download_link()
    {
        var (_, alice) = await SignedIn("alice");
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 3, 255 };
        var path = CreateGist(alice, Visibility.Public, [new NewFile("pixel.png", bytes)]);
        var page = await NewBrowser().GetAsync(path);

        AssertStatus(HttpStatusCode.OK, page);
        Assert.Contains("Binary file, 9 bytes.", page.Html);
        Assert.DoesNotContain("data-copy", page.Html);
        var version = Server.Get<GistQueries>().HeadRevision(Gist(path).Id)!.Version;
        var raw = await NewBrowser().GetAsync($"{path}/raw/{version}/pixel.png");
        Assert.Equal("application/octet-stream", raw.Response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", raw.Response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(bytes, await raw.Response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Private_gists_are_only_for_their_owner_unlisted_ones_for_anyone_with_the_link()
    {
        var (owner, alice) = await SignedIn("alice");
        var (other, _) = await SignedIn("bob");
        var hidden = CreateGist(alice, Visibility.Private, ("secret.txt", "s3cret"));
        var unlisted = CreateGist(alice, Visibility.Unlisted, ("link.txt", "by link"));
        var version = Server.Get<GistQueries>().HeadRevision(Gist(hidden).Id)!.Version;

        var own = await owner.GetAsync(hidden);
        AssertStatus(HttpStatusCode.OK, own);
        Assert.Contains("s3cret", own.Html);
        Assert.Contains("<span class=\"badge\">private</span>", own.Html);
        foreach (var browser in new[] { other, NewBrowser() })
        {
            foreach (var url in new[] { hidden, $"{hidden}/revisions", $"{hidden}/raw/{version}/secret.txt", $"{hidden}/rev/{version}" })
            {
                var page = await browser.GetAsync(url);
                AssertStatus(HttpStatusCode.NotFound, page);
                Assert.DoesNotContain("s3cret", page.Html);
            }
        }
        AssertStatus(HttpStatusCode.NotFound, await other.GetAsync($"{hidden}/edit"));
        foreach (var action in new[] { "fork", "like", "delete" })
            AssertStatus(HttpStatusCode.NotFound, await other.PostAsync($"{hidden}/{action}"));
        Assert.Equal(0, Gist(hidden).NbForks + Gist(hidden).NbLikes);
        // Anonymous visitors are asked to log in before learning whether a gist exists.
        var anonymous = NewBrowser();
        foreach (var target in new[] { hidden, "/alice/0123456789abcdef0123456789abcdef" })
        {
            Assert.Equal("/-/login?return=" + Uri.EscapeDataString(target + "/edit"), (await anonymous.GetAsync($"{target}/edit")).Location);
            Assert.Equal("/-/login?return=" + Uri.EscapeDataString(target), (await anonymous.PostAsync($"{target}/like", ("like", "1"))).Location);
        }
        AssertStatus(HttpStatusCode.OK, await NewBrowser().GetAsync(unlisted));
        // A gist is found under its owner's name only.
        AssertStatus(HttpStatusCode.NotFound, await NewBrowser().GetAsync(unlisted.Replace("/alice/", "/bob/")));
        AssertStatus(HttpStatusCode.OK, await NewBrowser().GetAsync(unlisted.Replace("/alice/", "/ALICE/")));
    }

    [Fact]
    public async Task Fork_works_with_the_form_and_fails_without_its_anti_forgery_field()
    {
        var (alicesBrowser, alice) = await SignedIn("alice");
        var (bob, bobRow) = await SignedIn("bob");
        var path = CreateGist(alice, Visibility.Public, ("a.txt", "alpha"));

        var page = await bob.GetAsync(path);
        Assert.Contains($"action=\"{path}/fork\"", page.Html);
        var forged = await bob.PostAsync($"{path}/fork", [], withCsrf: false);
        AssertStatus(HttpStatusCode.BadRequest, forged);
        Assert.Equal(0, Gist(path).NbForks);

        var fork = await bob.PostAsync($"{path}/fork");
        AssertStatus(HttpStatusCode.Redirect, fork);
        Assert.StartsWith("/bob/", fork.Location);
        Assert.Equal(1, Gist(path).NbForks);
        var forkPage = await bob.GetAsync(fork.Location!);
        AssertStatus(HttpStatusCode.OK, forkPage);
        Assert.Contains($"forked from <a href=\"{path}\">alice / a gist</a>", forkPage.Html);
        Assert.Contains("alpha", forkPage.Html);
        // Forking again leads to the same fork.
        Assert.Equal(fork.Location, (await bob.PostAsync($"{path}/fork")).Location);
        Assert.Equal(1, Gist(path).NbForks);
        Assert.Equal(bobRow.Id, Gist(fork.Location!).UserId);

        // No fork button for the owner, and a posted fork of one's own gist is refused.
        var ownPage = await alicesBrowser.GetAsync(path);
        Assert.DoesNotContain($"action=\"{path}/fork\"", ownPage.Html);
        AssertStatus(HttpStatusCode.UnprocessableEntity, await alicesBrowser.PostAsync($"{path}/fork"));

        // Anonymous visitors are sent to log in.
        var anonymous = NewBrowser();
        var login = await anonymous.PostAsync($"{path}/fork");
        AssertStatus(HttpStatusCode.Redirect, login);
        Assert.Equal("/-/login?return=" + Uri.EscapeDataString(path), login.Location);
    }

    [Fact]
    public async Task Like_and_unlike_with_the_form_and_not_without_its_anti_forgery_field()
    {
        var (_, alice) = await SignedIn("alice");
        var (bob, _) = await SignedIn("bob");
        var path = CreateGist(alice, Visibility.Public, ("a.txt", "alpha"));

        Assert.Contains("Like · 0", (await bob.GetAsync(path)).Html);
        AssertStatus(HttpStatusCode.BadRequest, await bob.PostAsync($"{path}/like", [new("like", "1")], withCsrf: false));
        AssertStatus(HttpStatusCode.BadRequest, await bob.PostAsync($"{path}/like", [new("like", "1"), new("_csrf", new string('0', 64))], withCsrf: false));
        Assert.Equal(0, Gist(path).NbLikes);

        var liked = await bob.PostAsync($"{path}/like", ("like", "1"));
        AssertStatus(HttpStatusCode.Redirect, liked);
        Assert.Equal(path, liked.Location);
        Assert.Equal(1, Gist(path).NbLikes);
        await bob.PostAsync($"{path}/like", ("like", "1")); // a double submit does not flip it back
        Assert.Equal(1, Gist(path).NbLikes);
        var page = await bob.GetAsync(path);
        Assert.Contains("Unlike · 1", page.Html);
        Assert.Contains("name=\"like\" value=\"0\"", page.Html);

        await bob.PostAsync($"{path}/like", ("like", "0"));
        Assert.Equal(0, Gist(path).NbLikes);
    }

    [Fact]
    public async Task The_owner_deletes_behind_a_confirm_form_others_cannot()
    {
        var (alice, aliceRow) = await SignedIn("alice");
        var (bob, _) = await SignedIn("bob");
        var path = CreateGist(aliceRow, Visibility.Public, ("a.txt", "alpha"));

        var page = await alice.GetAsync(path);
        Assert.Contains($"<form method=\"post\" action=\"{path}/delete\" class=\"inline\" data-confirm=", page.Html);
        Assert.DoesNotContain($"{path}/delete", (await bob.GetAsync(path)).Html);

        AssertStatus(HttpStatusCode.Forbidden, await bob.PostAsync($"{path}/delete"));
        AssertStatus(HttpStatusCode.BadRequest, await alice.PostAsync($"{path}/delete", [], withCsrf: false));
        Assert.NotNull(Gist(path));

        var deleted = await alice.PostAsync($"{path}/delete");
        AssertStatus(HttpStatusCode.Redirect, deleted);
        Assert.Equal("/alice", deleted.Location);
        AssertStatus(HttpStatusCode.NotFound, await alice.GetAsync(path));
    }

    [Fact]
    public async Task A_past_revision_can_be_viewed()
    {
        var (_, alice) = await SignedIn("alice");
        var path = CreateGist(alice, Visibility.Public, ("a.txt", "first version"));
        var gist = Gist(path);
        var first = Server.Get<GistQueries>().HeadRevision(gist.Id)!.Version;
        Server.Get<GistWriter>().Update(gist, new Author(alice.Id, alice.Username, alice.Email), null, null, null,
            [new NewFile("a.txt", "second version"u8.ToArray())]);

        var latest = await NewBrowser().GetAsync(path);
        Assert.Contains("second version", latest.Html);
        var old = await NewBrowser().GetAsync($"{path}/rev/{first[..8]}");
        AssertStatus(HttpStatusCode.OK, old);
        Assert.Contains("first version", old.Html);
        Assert.Contains($"This is revision {first[..7]}", old.Html);
        Assert.Contains($"{path}/raw/{first}/a.txt", old.Html);
    }

    [Fact]
    public async Task Routes_leave_other_surfaces_alone()
    {
        var browser = NewBrowser();
        // Unknown API paths keep the API's JSON 404; instance paths are not user names.
        var api = await browser.GetAsync("/api/nothing/here");
        AssertStatus(HttpStatusCode.NotFound, api);
        Assert.Equal("application/json", api.Response.Content.Headers.ContentType!.MediaType);
        AssertStatus(HttpStatusCode.OK, await browser.GetAsync("/-/assets/app.css"));
        // A second segment "raw" is a paste's raw route, never a gist.
        var (_, alice) = await SignedIn("alice");
        CreateGist(alice, Visibility.Public, ("a.txt", "alpha"));
        var raw = await browser.GetAsync("/alice/raw");
        Assert.DoesNotContain("alpha", raw.Html);
        Assert.NotEqual(HttpStatusCode.OK, raw.Status);
        Assert.Equal("text/plain", raw.Response.Content.Headers.ContentType?.MediaType); // pasty's answer, not a page
        AssertStatus(HttpStatusCode.NotFound, await browser.GetAsync("/alice/0123456789abcdef0123456789abcdef"));
    }
}
