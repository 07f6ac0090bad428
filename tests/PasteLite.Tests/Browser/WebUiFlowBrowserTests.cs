using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PasteLite.Tests.Browser;

/// <summary>
/// Signed-in flows in a real browser on dist/pastelite: an access token made in settings and used on the API, a
/// two-file gist (highlighted, Markdown rendered) edited into a second revision, the gist page on a phone, and
/// require-login switched on and off in the admin panel.
/// </summary>
public sealed class WebUiFlowBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    private const string Password = "correct horse battery";

    /// <summary>An account made with the CLI, signed in on <see cref="BrowserTest.Page"/> through the login form.</summary>
    private async Task<IPage> SignedInAsync(string username, bool admin = false)
    {
        await BrowserFixture.CreateUserAsync(Fixture.Home, username, Password, admin);
        await Page.GotoAsync("/-/login");
        await Accounts.ExpectRedirectAsync(await Accounts.LoginAsync(Page, username, Password), "/");
        return Page;
    }

    // ---- access tokens: /-/settings/access-tokens, then the token on the API ----

    [Fact]
    public async Task A_token_created_in_settings_works_on_the_api_and_is_shown_once()
    {
        var page = await SignedInAsync("tokenuser");
        await page.GotoAsync("/-/settings");
        await Screenshot(page, "settings");
        await page.GetByRole(AriaRole.Link, new() { Name = "Access tokens" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(BaseUrl, "/-/settings/access-tokens").ToString());
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("No tokens yet.");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("laptop");
        await page.GetByLabel("Gists").SelectOptionAsync("2");            // Read and write
        await page.GetByLabel("User").SelectOptionAsync("Read");        // the label's name includes the chosen option
        await page.GetByLabel("Expires").FillAsync(DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"));
        var created = await Accounts.SubmitAsync(page, "/-/settings/access-tokens", page.GetByRole(AriaRole.Button, new() { Name = "Create access token" }));
        Assert.Equal(302, created.Status);                                                // Post/Redirect/Get
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/-/settings/access-tokens\?created=[0-9a-f]{32}$"));

        var token = (await page.Locator("#new-token.secret").TextContentAsync())!.Trim();
        Assert.Matches("^og_[0-9a-f]{64}$", token);
        await Assertions.Expect(page.Locator("[data-copy=new-token]")).ToBeVisibleAsync();   // the copy button (script only)
        await Screenshot(page, "access-tokens");

        using var api = new HttpClient { BaseAddress = BaseUrl };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        api.DefaultRequestHeaders.UserAgent.ParseAdd("PasteLite-browser-test");
        api.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.github+json");
        var me = await api.GetAsync("/api/user");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("tokenuser", JsonDocument.Parse(await me.Content.ReadAsStringAsync()).RootElement.GetProperty("login").GetString());
        var create = await api.PostAsync("/api/gists", new StringContent(
            """{"public":true,"files":{"a.txt":{"content":"from the token"}}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);

        // Shown once: a reload gets the list without it, and makes no second token.
        var reloaded = await page.ReloadAsync();
        Assert.Equal("GET", reloaded!.Request.Method);
        await Assertions.Expect(page.Locator(".secret")).ToHaveCountAsync(0);
        Assert.DoesNotContain(token, await page.ContentAsync());
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "laptop" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("gist:write,user:read");
        await Assertions.Expect(row).Not.ToContainTextAsync("never");                   // expires and last used are filled in
        await Screenshot(page, "access-tokens-list");

        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();                          // form[data-confirm]
        var delete = (await row.Locator("form").GetAttributeAsync("action"))!;
        Assert.Matches(@"^/-/settings/access-tokens/\d+/delete$", delete);
        await Accounts.SubmitAsync(page, delete, row.GetByRole(AriaRole.Button, new() { Name = "Delete" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "laptop" })).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/user")).StatusCode);
        AssertNoBrowserProblems();
    }

    [Fact]
    public async Task The_tokens_page_says_when_the_api_is_disabled()
    {
        var server = await Fixture.StartServerAsync(env: new Dictionary<string, string> { ["OG_API_ENABLED"] = "false" });
        var page = await (await NewContextAsync(server.BaseUrl)).NewPageAsync();
        await page.GotoAsync("/-/register");
        await Accounts.RegisterAsync(page, "noapi", Password);
        await page.GotoAsync("/-/settings/access-tokens");
        await Assertions.Expect(page.Locator("main p.error")).ToContainTextAsync("API is currently disabled");
        AssertNoBrowserProblems();
    }

    // ---- gists: /-/new, /{user}/{gist}, edit, revisions ----

    [Fact]
    public async Task A_two_file_gist_is_highlighted_and_an_edit_shows_as_a_revision()
    {
        var page = await SignedInAsync("gistuser");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "New gist" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(BaseUrl, "/-/new").ToString());
        await page.GetByLabel("Title").FillAsync("two files");
        await page.GetByLabel("Description").FillAsync("a python file and a readme");
        await page.GetByLabel("Visibility").SelectOptionAsync("public");
        var slots = page.Locator("fieldset.file-slot");
        await Assertions.Expect(slots).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add file" }).ClickAsync();    // app.js: a fourth, empty slot
        await Assertions.Expect(slots).ToHaveCountAsync(4);
        await Assertions.Expect(slots.Nth(3).GetByLabel("File name")).ToHaveAttributeAsync("name", "name-3");
        await slots.Nth(0).GetByLabel("File name").FillAsync("hello.py");
        await slots.Nth(0).GetByLabel("Content").FillAsync("def greet(name):\n    return f\"hi {name}\"\n");
        await slots.Nth(1).GetByLabel("File name").FillAsync("README.md");
        await slots.Nth(1).GetByLabel("Content").FillAsync("# Title\n\n<script>alert(1)</script>\n\n*emphasis*\n");
        await Screenshot(page, "gist-new");
        await Accounts.SubmitAsync(page, "/-/new", page.GetByRole(AriaRole.Button, new() { Name = "Create gist" }));

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/gistuser/[0-9a-f]{32}$"));
        var gistUrl = page.Url;
        await Assertions.Expect(page.Locator(".gist-head h1")).ToContainTextAsync("two files");
        await Assertions.Expect(page.Locator(".gist-head .description")).ToHaveTextAsync("a python file and a readme");
        await Assertions.Expect(page.Locator(".file")).ToHaveCountAsync(2);
        var python = page.Locator(".file").Filter(new() { Has = page.Locator(".file-head", new() { HasText = "hello.py" }) });
        await Assertions.Expect(python.Locator("pre code")).ToHaveClassAsync(new Regex(@"\bhljs\b"));
        Assert.True(await python.Locator("pre code .hljs-keyword").CountAsync() > 0, "python is not highlighted");
        await Assertions.Expect(python.Locator(".code .lines a").First).ToHaveAttributeAsync("href", "#file-hello-py-L1");
        var readme = page.Locator(".file").Filter(new() { Has = page.Locator(".file-head", new() { HasText = "README.md" }) });
        await Assertions.Expect(readme.Locator(".markdown h1")).ToHaveTextAsync("Title");
        await Assertions.Expect(readme.Locator(".markdown em")).ToHaveTextAsync("emphasis");
        Assert.Equal(0, await readme.Locator(".markdown script").CountAsync());              // no raw HTML
        await Screenshot(page, "gist");
        var dark = await (await NewContextAsync(BaseUrl, new BrowserNewContextOptions { ColorScheme = ColorScheme.Dark })).NewPageAsync();
        await dark.GotoAsync(gistUrl);
        await Assertions.Expect(dark.Locator(".file", new() { HasText = "hello.py" }).Locator(".code pre code.hljs")).ToBeVisibleAsync();
        await Screenshot(dark, "gist-dark");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(gistUrl + "/edit");
        var pythonSlot = page.Locator("fieldset.file-slot").Filter(new() { Has = page.Locator("input[value='hello.py']") });
        await Assertions.Expect(pythonSlot.GetByLabel("Content")).ToHaveValueAsync("def greet(name):\n    return f\"hi {name}\"\n");
        await pythonSlot.GetByLabel("Content").FillAsync("def greet(name):\n    return f\"hello {name}\"\n");
        await Screenshot(page, "gist-edit");
        await Accounts.SubmitAsync(page, new Uri(gistUrl).AbsolutePath + "/edit", page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }));
        await Assertions.Expect(page).ToHaveURLAsync(gistUrl);
        await Assertions.Expect(python.Locator("pre code")).ToContainTextAsync("hello {name}");
        await Assertions.Expect(python.Locator("pre code")).Not.ToContainTextAsync("hi {name}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Revisions" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(gistUrl + "/revisions");
        await Assertions.Expect(page.Locator("section.revision")).ToHaveCountAsync(2);
        var latest = page.Locator("section.revision").First;
        await Assertions.Expect(latest.Locator(".diff")).ToHaveCountAsync(1);               // only hello.py changed
        await Assertions.Expect(latest.Locator(".diff .file-head")).ToContainTextAsync("hello.py");
        await Assertions.Expect(latest.Locator(".diff .del")).ToHaveTextAsync("-    return f\"hi {name}\"");
        await Assertions.Expect(latest.Locator(".diff .add")).ToHaveTextAsync("+    return f\"hello {name}\"");
        await Assertions.Expect(latest.Locator(".stat")).ToHaveTextAsync("+1 −1");
        var first = page.Locator("section.revision").Nth(1);
        await Assertions.Expect(first.Locator(".diff")).ToHaveCountAsync(2);                // both files added
        await Screenshot(page, "gist-revisions");

        // The first revision, as it was.
        await first.Locator("h2 a").ClickAsync();
        await Assertions.Expect(page.Locator("p.notice")).ToContainTextAsync("This is revision");
        await Assertions.Expect(python.Locator("pre code")).ToContainTextAsync("hi {name}");
        AssertNoBrowserProblems();
    }

    [Fact]
    public async Task The_gist_page_fits_a_phone_and_long_lines_scroll_inside_the_code()
    {
        var page = await SignedInAsync("phone-gists");
        await page.GotoAsync("/-/new");
        await page.GetByLabel("Title").FillAsync("A gist with a rather long title to see how it wraps on a small screen");
        var slots = page.Locator("fieldset.file-slot");
        await slots.Nth(0).GetByLabel("File name").FillAsync("a_rather_long_file_name_for_a_phone_screen.py");
        await slots.Nth(0).GetByLabel("Content").FillAsync(
            "# a long line follows\nMESSAGE = \"" + string.Concat(Enumerable.Repeat("a long line without any break ", 12)) + "\"\n");
        await slots.Nth(1).GetByLabel("File name").FillAsync("NOTES.md");
        await slots.Nth(1).GetByLabel("Content").FillAsync(
            "# Notes\n\nA paragraph, then a long code block:\n\n```\n" + new string('x', 300) + "\n```\n\n| a | table |\n|---|---|\n| 1 | 2 |\n");
        await Accounts.SubmitAsync(page, "/-/new", page.GetByRole(AriaRole.Button, new() { Name = "Create gist" }));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/phone-gists/[0-9a-f]{32}$"));
        var gistPath = new Uri(page.Url).AbsolutePath;

        // The owner on a phone (signed in: the header carries the account links and the actions their buttons).
        var signedIn = Phone();
        signedIn.StorageState = await Context.StorageStateAsync();
        var phone = await NewContextAsync(BaseUrl, signedIn);
        var owner = await phone.NewPageAsync();
        await owner.GotoAsync(gistPath);
        var python = owner.Locator(".file", new() { HasText = "a_rather_long_file_name" }).Locator(".code");
        await Assertions.Expect(python.Locator("pre code")).ToHaveClassAsync(new Regex(@"\bhljs\b"));
        await Screenshot(owner, "phone-gist");
        await ExpectNoHorizontalScrollAsync(owner);
        await ExpectScrollsInsideAsync(python);

        await owner.GotoAsync(gistPath + "/revisions");
        await ExpectNoHorizontalScrollAsync(owner);
        await Screenshot(owner, "phone-gist-revisions");

        await owner.GotoAsync(gistPath + "/edit");
        await ExpectNoHorizontalScrollAsync(owner);

        // And an anonymous visitor on a phone.
        var visitor = await (await NewContextAsync(BaseUrl, Phone())).NewPageAsync();
        await visitor.GotoAsync(gistPath);
        await ExpectNoHorizontalScrollAsync(visitor);
        await visitor.GotoAsync("/all");
        await ExpectNoHorizontalScrollAsync(visitor);
        await Screenshot(visitor, "phone-all");
        AssertNoBrowserProblems();
    }

    // ---- admin panel: require-login ----

    [Fact]
    public async Task Require_login_toggled_in_the_admin_panel_sends_visitors_to_the_login_page()
    {
        var server = await Fixture.StartServerAsync();
        var admin = await (await NewContextAsync(server.BaseUrl)).NewPageAsync();
        await admin.GotoAsync("/-/register");
        await Accounts.RegisterAsync(admin, "root", Password);                             // first user: admin
        await admin.GotoAsync("/-/new");
        await admin.Locator("fieldset.file-slot").First.GetByLabel("Content").FillAsync("an admin's gist\n");
        await Accounts.SubmitAsync(admin, "/-/new", admin.GetByRole(AriaRole.Button, new() { Name = "Create gist" }));
        var gistPath = new Uri(admin.Url).AbsolutePath;

        await Accounts.Nav(admin).GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Uri(server.BaseUrl, "/-/admin-panel").ToString());
        await Assertions.Expect(admin.Locator("main")).ToContainTextAsync(AppInfo.Version);
        await Assertions.Expect(admin.GetByLabel("Require login")).Not.ToBeCheckedAsync();
        await Screenshot(admin, "admin-panel");

        var save = admin.GetByRole(AriaRole.Button, new() { Name = "Save settings" });
        await admin.GetByLabel("Require login").CheckAsync();
        await Accounts.SubmitAsync(admin, "/-/admin-panel/settings", save);
        await Assertions.Expect(admin.Locator("main p.notice")).ToHaveTextAsync("Settings saved.");
        await Assertions.Expect(admin.GetByLabel("Require login")).ToBeCheckedAsync();

        var visitor = await (await NewContextAsync(server.BaseUrl)).NewPageAsync();
        await visitor.GotoAsync("/all");
        await Assertions.Expect(visitor).ToHaveURLAsync(new Regex(@"/-/login\?return=%2Fall$"));
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync("Log in");
        await visitor.GotoAsync(gistPath);
        await Assertions.Expect(visitor).ToHaveURLAsync(new Regex(@"/-/login\?return="));

        // Single gists open again with allow-gists-without-login; lists stay closed.
        await admin.GetByLabel("Allow single gists and pastes without login").CheckAsync();
        await Accounts.SubmitAsync(admin, "/-/admin-panel/settings", save);
        Assert.Equal(200, (await visitor.GotoAsync(gistPath))!.Status);
        await Assertions.Expect(visitor.Locator(".file")).ToContainTextAsync("an admin's gist");
        await visitor.GotoAsync("/all");
        await Assertions.Expect(visitor).ToHaveURLAsync(new Regex(@"/-/login\?return=%2Fall$"));

        await admin.GetByLabel("Require login").UncheckAsync();
        await admin.GetByLabel("Allow single gists and pastes without login").UncheckAsync();
        await Accounts.SubmitAsync(admin, "/-/admin-panel/settings", save);
        await Assertions.Expect(admin.GetByLabel("Require login")).Not.ToBeCheckedAsync();
        await Screenshot(admin, "admin-panel-saved");
        var open = await visitor.GotoAsync("/all");
        Assert.Equal(200, open!.Status);
        await Assertions.Expect(visitor).ToHaveURLAsync(new Uri(server.BaseUrl, "/all").ToString());
        await Assertions.Expect(visitor.Locator("main").GetByRole(AriaRole.Link, new() { Name = "gistfile1.txt" }))
            .ToHaveAttributeAsync("href", gistPath);
        AssertNoBrowserProblems();
    }
}
