// PENDING: browser tests for the pages of issue 6 that are not in this tree yet (home and paste pages,
// gist pages, settings and access tokens, admin panel). The test project does not compile this folder
// (<Compile Remove="Browser/Pending/**" />); move a test out of Pending/ when its page lands, fix the
// selectors to what the page really offers, and it joins the suite. The selectors here are the contract
// these tests ask of the pages: accessible names (labels, button and link text) first, then the few
// classes app.css and app.js already define (.file, .code, .lines, .hljs, .secret, .diff, p.error).
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PasteLite.Tests.Browser;

public sealed class WebUiFlowBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    private const string Password = "correct horse battery";

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
        await page.GotoAsync("/-/settings/access-tokens");
        await Screenshot(page, "access-tokens");

        await page.GetByLabel("Name").FillAsync("laptop");
        await page.GetByLabel("Gist scope").SelectOptionAsync("write");   // options: none, read, write
        await page.GetByLabel("User scope").SelectOptionAsync("read");
        await page.GetByLabel("Expires").FillAsync(DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();

        var token = (await page.Locator(".secret").TextContentAsync())!.Trim();
        Assert.Matches("^og_[A-Za-z0-9_-]+$", token);
        await Assertions.Expect(page.Locator("[data-copy]")).ToBeVisibleAsync();      // copy button (JS only)
        await Screenshot(page, "access-token-created");

        using var api = new HttpClient { BaseAddress = BaseUrl };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await api.GetAsync("/api/user");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("tokenuser", JsonDocument.Parse(await me.Content.ReadAsStringAsync()).RootElement.GetProperty("login").GetString());
        var create = await api.PostAsync("/api/gists", new StringContent(
            """{"visibility":"public","files":{"a.txt":{"content":"from the token"}}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".secret")).ToHaveCountAsync(0);          // shown once
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "laptop" });
        await Assertions.Expect(row).ToContainTextAsync("gist:write");
        await Assertions.Expect(row).ToContainTextAsync("user:read");
        await Assertions.Expect(row).Not.ToContainTextAsync("never");                   // last used is filled in

        page.Dialog += (_, dialog) => dialog.AcceptAsync();                              // form[data-confirm]
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
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
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("API is disabled");
    }

    // ---- gists: /-/new, /{user}/{gist}, edit, revisions ----

    [Fact]
    public async Task A_two_file_gist_is_highlighted_and_an_edit_shows_as_a_revision()
    {
        var page = await SignedInAsync("gistuser");
        await page.GotoAsync("/-/new");                       // or "/" with a "Gist" switch for signed-in users
        await Screenshot(page, "gist-new");
        await page.GetByLabel("Title").FillAsync("two files");
        await page.GetByLabel("Description").FillAsync("a python file and a readme");
        await page.GetByLabel("Visibility").SelectOptionAsync("public");
        var files = page.Locator("fieldset.file-input");                                 // one per file
        await files.Nth(0).GetByLabel("File name").FillAsync("hello.py");
        await files.Nth(0).GetByLabel("Content").FillAsync("def greet(name):\n    return f\"hi {name}\"\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add file" }).ClickAsync();
        await files.Nth(1).GetByLabel("File name").FillAsync("README.md");
        await files.Nth(1).GetByLabel("Content").FillAsync("# Title\n\n<script>alert(1)</script>\n\n*emphasis*\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create gist" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/gistuser/[0-9a-f]{32}$"));
        var gistUrl = page.Url;
        await Assertions.Expect(page.Locator(".file")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".file-head").First).ToContainTextAsync("hello.py");
        var python = page.Locator(".file").Filter(new() { HasText = "hello.py" });
        await Assertions.Expect(python.Locator("pre code.hljs")).ToBeVisibleAsync();
        Assert.True(await python.Locator("pre code .hljs-keyword").CountAsync() > 0, "python is not highlighted");
        await Assertions.Expect(python.Locator(".code .lines a#L1")).ToHaveAttributeAsync("href", "#L1");
        var readme = page.Locator(".file").Filter(new() { HasText = "README.md" });
        await Assertions.Expect(readme.Locator(".markdown h1")).ToHaveTextAsync("Title");
        await Assertions.Expect(readme.Locator(".markdown em")).ToHaveTextAsync("emphasis");
        Assert.Equal(0, await readme.Locator(".markdown script").CountAsync());            // no raw HTML
        await Screenshot(page, "gist");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await files.Nth(0).GetByLabel("Content").FillAsync("def greet(name):\n    return f\"hello {name}\"\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(gistUrl);
        await Assertions.Expect(python.Locator("pre code")).ToContainTextAsync("hello {name}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Revisions" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(gistUrl + "/revisions");
        await Assertions.Expect(page.Locator(".diff")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".diff .del").First).ToContainTextAsync("hi {name}");
        await Assertions.Expect(page.Locator(".diff .add").First).ToContainTextAsync("hello {name}");
        await Screenshot(page, "gist-revisions");
        AssertNoBrowserProblems();
    }

    // ---- pastes: encrypted, burn after reading ----

    [Fact]
    public async Task An_encrypted_paste_is_ciphertext_on_the_server_and_plain_text_on_the_page()
    {
        const string secret = "the launch code is 0000";
        var posts = new List<string>();
        Page.Request += (_, request) => { if (request.Method == "POST") posts.Add(request.PostData ?? ""); };

        await Page.GotoAsync("/");
        await Screenshot(Page, "home");
        await Page.GetByLabel("Content").FillAsync(secret);
        await Page.GetByLabel("Encrypt in the browser").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create paste" }).ClickAsync();

        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/[A-Za-z0-9]+#[0-9a-f]{64}$"));
        var url = new Uri(Page.Url);
        var (id, key) = (url.AbsolutePath.TrimStart('/'), url.Fragment.TrimStart('#'));
        await Assertions.Expect(Page.Locator("pre code")).ToHaveTextAsync(secret);      // decrypted in the page
        await Screenshot(Page, "paste-encrypted");
        Assert.DoesNotContain(posts, body => body.Contains(secret) || body.Contains(key));

        using var api = new HttpClient { BaseAddress = BaseUrl };
        var stored = JsonDocument.Parse(await api.GetStringAsync($"/api/v2/pastes/{id}")).RootElement;
        Assert.Matches("^[0-9a-f]+$", stored.GetProperty("content").GetString());
        var encryption = stored.GetProperty("metadata").GetProperty("pf_encryption");
        Assert.Equal("AES-CBC", encryption.GetProperty("alg").GetString());
        Assert.Equal(secret, PastyDecrypt(stored.GetProperty("content").GetString()!, key, encryption.GetProperty("iv").GetString()!));

        var withoutKey = await (await NewContextAsync(BaseUrl)).NewPageAsync();
        await withoutKey.GotoAsync($"/{id}");
        await Assertions.Expect(withoutKey.Locator("main")).Not.ToContainTextAsync(secret);
        AssertNoBrowserProblems();
    }

    [Fact]
    public async Task A_paste_encrypted_the_way_pastys_frontend_does_opens_in_our_page()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var iv = RandomNumberGenerator.GetBytes(16);
        using var aes = Aes.Create();
        aes.Key = key;
        var cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes("made by pasty"), iv, PaddingMode.PKCS7);
        using var api = new HttpClient { BaseAddress = BaseUrl };
        var body = JsonSerializer.Serialize(new
        {
            content = Convert.ToHexStringLower(cipher),
            metadata = new { pf_encryption = new { alg = "AES-CBC", iv = Convert.ToHexStringLower(iv) } },
        });
        var created = JsonDocument.Parse(await (await api.PostAsync("/api/v2/pastes",
            new StringContent(body, Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync()).RootElement;

        await Page.GotoAsync($"/{created.GetProperty("id").GetString()}#{Convert.ToHexStringLower(key)}");
        await Assertions.Expect(Page.Locator("pre code")).ToHaveTextAsync("made by pasty");
        AssertNoBrowserProblems();
    }

    [Fact]
    public async Task A_burn_after_reading_paste_asks_first_and_is_gone_after_one_view()
    {
        await Page.GotoAsync("/");
        await Page.GetByLabel("Content").FillAsync("read me once");
        await Page.GetByLabel("Burn after reading").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create paste" }).ClickAsync();
        var pasteUrl = Page.Url;                         // the creator sees the link, not the content consumed

        var reader = await (await NewContextAsync(BaseUrl)).NewPageAsync();
        await reader.GotoAsync(pasteUrl);
        await Assertions.Expect(reader.Locator("main")).ToContainTextAsync("burn");       // the confirmation
        await Assertions.Expect(reader.Locator("main")).Not.ToContainTextAsync("read me once");
        await Screenshot(reader, "paste-burn-confirm");
        await reader.GetByRole(AriaRole.Button, new() { Name = "Show paste" }).ClickAsync();
        await Assertions.Expect(reader.Locator("pre code")).ToHaveTextAsync("read me once");

        var again = await reader.GotoAsync(pasteUrl);
        Assert.Equal(404, again!.Status);
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
        await admin.GotoAsync("/-/admin-panel");
        await Screenshot(admin, "admin-panel");
        await Assertions.Expect(admin.Locator("main")).ToContainTextAsync(AppInfo.Version);

        await admin.GetByLabel("Require login").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(admin.GetByLabel("Require login")).ToBeCheckedAsync();

        var visitor = await (await NewContextAsync(server.BaseUrl)).NewPageAsync();
        await visitor.GotoAsync("/all");
        await Assertions.Expect(visitor).ToHaveURLAsync(new Regex(@"/-/login\?return=%2Fall$"));

        await admin.GetByLabel("Require login").UncheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var open = await visitor.GotoAsync("/all");
        Assert.Equal(200, open!.Status);
        AssertNoBrowserProblems();
    }

    /// <summary>pasty's frontend format: hex key, hex IV, hex AES-CBC ciphertext with PKCS#7 padding.</summary>
    private static string PastyDecrypt(string hexCipher, string hexKey, string hexIv)
    {
        using var aes = Aes.Create();
        aes.Key = Convert.FromHexString(hexKey);
        return Encoding.UTF8.GetString(aes.DecryptCbc(Convert.FromHexString(hexCipher), Convert.FromHexString(hexIv), PaddingMode.PKCS7));
    }
}
