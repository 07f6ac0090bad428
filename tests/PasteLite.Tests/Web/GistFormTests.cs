using System.Net;
using System.Text;
using PasteLite.Data;
using PasteLite.Gists;

namespace PasteLite.Tests.Web;

/// <summary>/-/new and /{user}/{gist}/edit: the API's file rules through a form, and the revisions page after an edit.</summary>
public class GistFormTests : WebTest
{
    private static string Content(IReadOnlyList<RevisionFileRow> files, string name) =>
        Encoding.UTF8.GetString(files.Single(f => f.Filename == name).Content);

    [Fact]
    public async Task New_gist_needs_a_signed_in_user()
    {
        var anonymous = NewBrowser();
        var form = await anonymous.GetAsync("/-/new");
        AssertStatus(HttpStatusCode.Redirect, form);
        Assert.Equal("/-/login?return=%2F-%2Fnew", form.Location);
        var post = await anonymous.PostAsync("/-/new", ("content-0", "x"));
        AssertStatus(HttpStatusCode.Redirect, post);
        Assert.Empty(Server.Get<GistQueries>().List(new GistFilter(), 0, 10).Page);
    }

    [Fact]
    public async Task New_gist_form_creates_a_gist_and_shows_it()
    {
        var (alice, _) = await SignedIn("alice");
        var form = await alice.GetAsync("/-/new");
        AssertStatus(HttpStatusCode.OK, form);
        AssertStrictPage(form);
        Assert.Contains("name=\"name-2\"", form.Html);
        Assert.Contains("name=\"content-2\"", form.Html);
        Assert.Contains("data-add-file", form.Html);

        var created = await alice.PostAsync("/-/new",
            ("title", "My <gist>"), ("description", "two files"), ("visibility", "unlisted"), ("expire", "never"),
            ("name-0", "b.py"), ("content-0", "print(1)\r\nprint(2)\r\n"),
            ("name-1", "a.md"), ("content-1", "# Hi"),
            ("name-2", "empty.txt"), ("content-2", ""),
            ("name-7", ""), ("content-7", "added by script"));
        AssertStatus(HttpStatusCode.Redirect, created);
        Assert.StartsWith("/alice/", created.Location);

        var gist = Gist(created.Location!);
        Assert.Equal("My <gist>", gist.Title);
        Assert.Equal("two files", gist.Description);
        Assert.Equal((long)Visibility.Unlisted, gist.Visibility);
        var files = HeadFiles(created.Location!);
        Assert.Equal(["a.md", "b.py", "gistfile1.txt"], files.Select(f => f.Filename));
        Assert.Equal("print(1)\nprint(2)\n", Content(files, "b.py")); // the browser's CRLF back to LF

        var page = await alice.GetAsync(created.Location!);
        AssertStatus(HttpStatusCode.OK, page);
        Assert.Contains("My &lt;gist&gt;", page.Html);
        Assert.Contains("<h1>Hi</h1>", page.Html);
    }

    [Fact]
    public async Task New_gist_form_errors_keep_what_was_typed()
    {
        var (alice, _) = await SignedIn("alice");
        var empty = await alice.PostAsync("/-/new", ("title", "kept title"), ("visibility", "public"), ("name-0", "a.txt"), ("content-0", ""));
        AssertStatus(HttpStatusCode.UnprocessableEntity, empty);
        Assert.Contains("Add at least one file", empty.Html);
        Assert.Contains("value=\"kept title\"", empty.Html);

        var duplicate = await alice.PostAsync("/-/new", ("visibility", "public"),
            ("name-0", "a.txt"), ("content-0", "one <two>"), ("name-1", "dir/a.txt"), ("content-1", "three"));
        AssertStatus(HttpStatusCode.UnprocessableEntity, duplicate);
        Assert.Contains("duplicate filename", duplicate.Html);
        Assert.Contains("one &lt;two&gt;</textarea>", duplicate.Html);

        var badVisibility = await alice.PostAsync("/-/new", ("visibility", "secret"), ("content-0", "x"));
        AssertStatus(HttpStatusCode.UnprocessableEntity, badVisibility);
        var longTitle = await alice.PostAsync("/-/new", ("title", new string('t', 251)), ("visibility", "public"), ("content-0", "x"));
        AssertStatus(HttpStatusCode.UnprocessableEntity, longTitle);
        Assert.Contains("at most 250 characters", longTitle.Html);
        AssertStatus(HttpStatusCode.BadRequest, await alice.PostAsync("/-/new", [new("content-0", "x")], withCsrf: false));
        Assert.Empty(Server.Get<GistQueries>().List(new GistFilter { VisibleAs = 1 }, 0, 10).Page);
    }

    [Fact]
    public async Task Editing_as_the_owner_makes_a_new_revision_with_the_api_merge_rules()
    {
        var (alice, aliceRow) = await SignedIn("alice");
        var path = CreateGist(aliceRow, Visibility.Public, [
            new NewFile("keep.txt", "one\ntwo\nthree\n"u8.ToArray()),
            new NewFile("drop.txt", "bye"u8.ToArray()),
            new NewFile("crlf.txt", "a\r\nb\r\n"u8.ToArray()),
            new NewFile("blob.bin", [0, 1, 2]),
        ]);
        var before = Server.Get<GistQueries>().HeadRevision(Gist(path).Id)!;

        var form = await alice.GetAsync($"{path}/edit");
        AssertStatus(HttpStatusCode.OK, form);
        AssertStrictPage(form);
        Assert.Contains("<textarea name=\"content-3\" spellcheck=\"false\">\none\ntwo\nthree\n</textarea>", form.Html);
        Assert.Contains("Binary file, 3 bytes", form.Html);
        Assert.Contains("value=\"blob.bin\"", form.Html);

        // Files come sorted by name: blob.bin, crlf.txt, drop.txt, keep.txt, then one empty slot.
        var saved = await alice.PostAsync($"{path}/edit",
            ("title", "renamed"), ("description", "now with more"), ("visibility", "private"),
            ("original-0", "blob.bin"), ("name-0", "data.bin"),
            ("original-1", "crlf.txt"), ("name-1", "crlf.txt"), ("content-1", "a\r\nB\r\n"),
            ("original-2", "drop.txt"), ("name-2", ""), ("content-2", "bye"),
            ("original-3", "keep.txt"), ("name-3", "keep.txt"), ("content-3", "one\r\n2\r\nthree\r\n"),
            ("name-4", "new.txt"), ("content-4", "brand new"));
        AssertStatus(HttpStatusCode.Redirect, saved);
        Assert.Equal(path, saved.Location);

        var gist = Gist(path);
        Assert.Equal("renamed", gist.Title);
        Assert.Equal("now with more", gist.Description);
        Assert.Equal((long)Visibility.Private, gist.Visibility);
        var files = HeadFiles(path);
        Assert.Equal(["crlf.txt", "data.bin", "keep.txt", "new.txt"], files.Select(f => f.Filename));
        Assert.Equal("one\n2\nthree\n", Content(files, "keep.txt"));
        Assert.Equal("a\r\nB\r\n", Content(files, "crlf.txt")); // a CRLF file keeps its line ends
        Assert.Equal(new byte[] { 0, 1, 2 }, files.Single(f => f.Filename == "data.bin").Content);
        var after = Server.Get<GistQueries>().HeadRevision(gist.Id)!;
        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal(before.Version, after.ParentVersion);

        // Saving the form unchanged changes no file, so it adds no revision.
        var again = await alice.PostAsync($"{path}/edit",
            ("title", "renamed"), ("description", "again"), ("visibility", "private"),
            ("original-0", "crlf.txt"), ("name-0", "crlf.txt"), ("content-0", "a\r\nB\r\n"),
            ("original-1", "data.bin"), ("name-1", "data.bin"),
            ("original-2", "keep.txt"), ("name-2", "keep.txt"), ("content-2", "one\r\n2\r\nthree\r\n"),
            ("original-3", "new.txt"), ("name-3", "new.txt"), ("content-3", "brand new"),
            ("name-4", ""), ("content-4", ""));
        AssertStatus(HttpStatusCode.Redirect, again);
        Assert.Equal(after.Version, Server.Get<GistQueries>().HeadRevision(gist.Id)!.Version);
        Assert.Equal("again", Gist(path).Description);
    }

    [Fact]
    public async Task Edit_refuses_what_the_api_refuses_and_keeps_the_gist()
    {
        var (alice, aliceRow) = await SignedIn("alice");
        var path = CreateGist(aliceRow, Visibility.Public, ("a.txt", "alpha"), ("b.txt", "beta"));
        var renameClash = await alice.PostAsync($"{path}/edit", ("visibility", "public"),
            ("original-0", "a.txt"), ("name-0", "b.txt"), ("content-0", "alpha"),
            ("original-1", "b.txt"), ("name-1", "b.txt"), ("content-1", "beta"));
        AssertStatus(HttpStatusCode.UnprocessableEntity, renameClash);
        Assert.Contains("duplicate filename", renameClash.Html);

        var nothingLeft = await alice.PostAsync($"{path}/edit", ("visibility", "public"),
            ("original-0", "a.txt"), ("name-0", "a.txt"), ("content-0", ""),
            ("original-1", "b.txt"), ("name-1", ""), ("content-1", "beta"));
        AssertStatus(HttpStatusCode.UnprocessableEntity, nothingLeft);
        Assert.Contains("at least one file", nothingLeft.Html);
        Assert.Equal(["a.txt", "b.txt"], HeadFiles(path).Select(f => f.Filename));
    }

    [Fact]
    public async Task Only_the_owner_may_edit()
    {
        var (_, alice) = await SignedIn("alice");
        var (bob, _) = await SignedIn("bob");
        var path = CreateGist(alice, Visibility.Public, ("a.txt", "alpha"));
        var hidden = CreateGist(alice, Visibility.Private, ("a.txt", "alpha"));

        AssertStatus(HttpStatusCode.Forbidden, await bob.GetAsync($"{path}/edit"));
        AssertStatus(HttpStatusCode.Forbidden, await bob.PostAsync($"{path}/edit", ("visibility", "public"), ("name-0", "x.txt"), ("content-0", "mine")));
        AssertStatus(HttpStatusCode.NotFound, await bob.GetAsync($"{hidden}/edit"));
        AssertStatus(HttpStatusCode.NotFound, await bob.PostAsync($"{hidden}/edit", ("visibility", "public"), ("name-0", "x.txt"), ("content-0", "mine")));
        Assert.DoesNotContain($"{path}/edit", (await bob.GetAsync(path)).Html);

        var anonymous = await NewBrowser().GetAsync($"{path}/edit");
        AssertStatus(HttpStatusCode.Redirect, anonymous);
        Assert.Equal("/-/login?return=" + Uri.EscapeDataString($"{path}/edit"), anonymous.Location);
        Assert.Equal(["a.txt"], HeadFiles(path).Select(f => f.Filename));
        Assert.Single(Server.Get<GistQueries>().Revisions(Gist(path).Id, long.MaxValue, 0, 10));
    }

    [Fact]
    public async Task Revisions_page_shows_each_revision_with_its_diff()
    {
        var (alice, aliceRow) = await SignedIn("alice");
        var path = CreateGist(aliceRow, Visibility.Public, ("poem.txt", "roses are red\nviolets are blue\n<sugar> is sweet\n"));
        await alice.PostAsync($"{path}/edit", ("title", "a gist"), ("visibility", "public"),
            ("original-0", "poem.txt"), ("name-0", "poem.txt"), ("content-0", "roses are red\nviolets are purple\n<sugar> is sweet\n"),
            ("name-1", "extra.txt"), ("content-1", "more"));

        var page = await NewBrowser().GetAsync($"{path}/revisions");
        AssertStatus(HttpStatusCode.OK, page);
        AssertStrictPage(page);
        var revisions = Server.Get<GistQueries>().Revisions(Gist(path).Id, long.MaxValue, 0, 10);
        Assert.Equal(2, revisions.Count);
        // Newest first, each linking to the gist at that revision.
        var newest = page.Html.IndexOf($"/rev/{revisions[0].Version}", StringComparison.Ordinal);
        var oldest = page.Html.IndexOf($"/rev/{revisions[1].Version}", StringComparison.Ordinal);
        Assert.True(newest >= 0 && oldest > newest);
        Assert.Contains("<span class=\"plus\">+2</span> <span class=\"minus\">−1</span>", page.Html);
        Assert.Contains("by alice", page.Html);
        Assert.Contains("<span class=\"hunk\">@@ -1,3 +1,3 @@</span><span class=\"ctx\"> roses are red</span><span class=\"del\">-violets are blue</span><span class=\"add\">+violets are purple</span><span class=\"ctx\"> &lt;sugar&gt; is sweet</span>", page.Html);
        Assert.Contains("<strong>extra.txt</strong><span class=\"muted\">added</span>", page.Html);
        Assert.Contains("<span class=\"hunk\">@@ -0,0 +1 @@</span><span class=\"add\">+more</span>", page.Html);
        // The first revision adds everything.
        Assert.Contains("<span class=\"hunk\">@@ -0,0 +1,3 @@</span><span class=\"add\">+roses are red</span>", page.Html);
    }
}
