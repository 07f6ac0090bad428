using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using PasteLite.Data;
using PasteLite.Gists;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Web;

/// <summary>One in-process server per test, with browsers to drive it and shortcuts to put gists in place.</summary>
public abstract partial class WebTest : IAsyncLifetime
{
    private readonly List<Browser> _browsers = [];
    private TestHome _home = null!;
    internal InProcessServer Server { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    public async Task InitializeAsync()
    {
        _home = new TestHome();
        Server = await InProcessServer.StartAsync(_home, Settings);
    }

    public async Task DisposeAsync()
    {
        foreach (var browser in _browsers) browser.Dispose();
        await Server.DisposeAsync();
        _home.Dispose();
    }

    internal Browser NewBrowser()
    {
        var browser = new Browser(Server);
        _browsers.Add(browser);
        return browser;
    }

    /// <summary>A browser signed in as a newly registered user.</summary>
    internal async Task<(Browser Browser, UserRow User)> SignedIn(string username)
    {
        var browser = NewBrowser();
        await browser.RegisterAsync(username);
        return (browser, Server.Get<UserStore>().FindByName(username)!);
    }

    /// <summary>A gist written straight through the data layer; returns its page path.</summary>
    internal string CreateGist(UserRow owner, Visibility visibility, params (string Name, string Content)[] files) =>
        CreateGist(owner, visibility, files.Select(f => new NewFile(f.Name, Encoding.UTF8.GetBytes(f.Content))).ToArray());

    internal string CreateGist(UserRow owner, Visibility visibility, NewFile[] files, string title = "a gist", string description = "")
    {
        var uuid = Server.Get<GistWriter>().Create(new Author(owner.Id, owner.Username, owner.Email), title, description, visibility, 0, files);
        return $"/{owner.Username}/{uuid}";
    }

    internal GistRow Gist(string path) => Server.Get<GistQueries>().FindByUuid(path.Split('/')[2])!;

    internal IReadOnlyList<RevisionFileRow> HeadFiles(string path)
    {
        var queries = Server.Get<GistQueries>();
        return queries.Files(queries.HeadRevision(Gist(path).Id)!.Id, 100).Files;
    }

    /// <summary>Every page: the strict CSP header, and no inline script, inline style or style attribute in the HTML.</summary>
    internal static void AssertStrictPage(Page page)
    {
        Assert.Contains("script-src 'self'", page.Response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotMatch(InlineScript(), page.Html);
        Assert.DoesNotContain("<style", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(StyleAttribute(), page.Html);
        Assert.DoesNotMatch(EventHandlerAttribute(), page.Html);
    }

    internal static void AssertStatus(HttpStatusCode expected, Page page) =>
        Assert.True(expected == page.Status, $"expected {(int)expected}, got {(int)page.Status}: {page.Location}{page.Html[..Math.Min(page.Html.Length, 2000)]}");

    /// <summary>A &lt;script&gt; tag without a src attribute.</summary>
    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    /// <summary>A style= attribute inside a tag (escaped text such as "&amp;lt;p style=" is not one).</summary>
    [GeneratedRegex("<[a-z][^>]*\\sstyle\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    /// <summary>An on...= attribute inside a tag (onerror, onclick...).</summary>
    [GeneratedRegex("<[a-z][^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}
