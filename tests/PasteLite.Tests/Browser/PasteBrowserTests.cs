using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PasteLite.Tests.Browser;

/// <summary>
/// Pastes in a real browser on dist/pastelite: the home page's form, the paste page (highlighting, edit and delete with
/// the token this browser remembers), encryption in the browser both ways with pasty's format, burn after reading,
/// and the paste page on a phone.
/// </summary>
public sealed class PasteBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    private static readonly Regex PasteUrl = new(@"/([A-Za-z0-9]+)$");
    private static readonly Regex EncryptedPasteUrl = new(@"/([A-Za-z0-9]+)#([0-9a-f]{64})$");

    /// <summary>Fills the home page's form (it must be open), submits it and waits for the paste page it leads to.</summary>
    private static async Task CreatePasteAsync(IPage page, string content, string? filename = null, bool encrypt = false, bool burn = false)
    {
        await page.GetByLabel("Content", new() { Exact = true }).FillAsync(content);
        if (filename is not null) await page.GetByLabel("File name or language").FillAsync(filename);
        if (burn) await page.GetByLabel("Burn after reading").CheckAsync();
        if (encrypt) await page.GetByLabel("Encrypt in the browser").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create paste" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(encrypt ? EncryptedPasteUrl : PasteUrl);
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    [Fact]
    public async Task A_paste_from_the_home_page_is_highlighted_and_its_creator_edits_and_deletes_it()
    {
        await Page.GotoAsync("/");
        await Assertions.Expect(Page).ToHaveTitleAsync(new Regex("^New paste"));
        await Assertions.Expect(Page.GetByLabel("Encrypt in the browser")).ToBeVisibleAsync();   // js-only, shown by app.js
        await Screenshot(Page, "home");

        await CreatePasteAsync(Page, "def add(a, b):\n    return a + b\n\nprint(add(1, 2))\n", filename: "add.py");
        var id = PasteUrl.Match(Page.Url).Groups[1].Value;
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("add.py");
        var code = Page.Locator("#paste-content");
        await Assertions.Expect(code).ToHaveClassAsync(new Regex(@"\bhljs\b"));
        Assert.True(await code.Locator(".hljs-keyword").CountAsync() > 0, "python is not highlighted");
        await Assertions.Expect(Page.Locator(".code .lines a")).ToHaveCountAsync(4);
        await Assertions.Expect(Page.Locator("#paste-stats")).ToHaveTextAsync("4 lines · 50 bytes");
        await Assertions.Expect(Page.Locator(".code .lines a#L4")).ToHaveAttributeAsync("href", "#L4");
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Copy" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Raw" })).ToHaveAttributeAsync("href", $"/{id}/raw");
        await Screenshot(Page, "paste");

        // The modification token is in this browser's localStorage: edit and delete ask for nothing.
        Assert.NotNull(await Page.EvaluateAsync<string?>($"() => localStorage.getItem('pastelite.token.{id}')"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        var source = Page.Locator("#paste-source");
        await Assertions.Expect(source).ToBeVisibleAsync();
        await Assertions.Expect(source).ToHaveValueAsync("def add(a, b):\n    return a + b\n\nprint(add(1, 2))\n");
        await source.FillAsync("def add(a, b):\n    return b + a\n");
        var patch = await Page.RunAndWaitForResponseAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync(),
            r => r.Request.Method == "PATCH");
        Assert.Equal(200, patch.Status);                                          // then the page reloads
        await Assertions.Expect(code).ToHaveTextAsync("def add(a, b):\n    return b + a\n");
        await Assertions.Expect(Page.Locator(".code .lines a")).ToHaveCountAsync(2);

        Page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();                    // "Delete this paste?"
        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Uri(BaseUrl, "/").ToString());
        Assert.Equal(404, (await Page.GotoAsync($"/{id}"))!.Status);
        await Assertions.Expect(Page.Locator("main h1")).ToHaveTextAsync("Paste not found");
        AssertNoBrowserProblems();
    }

    [Fact]
    public async Task An_encrypted_paste_is_ciphertext_on_the_server_and_plain_text_on_the_page()
    {
        const string secret = "the launch code is 0000\nand the door code is 1234";
        var posts = new List<string>();
        Page.Request += (_, request) => { if (request.Method == "POST") posts.Add(WebUtility.UrlDecode(request.PostData ?? "")); };

        await Page.GotoAsync("/");
        await CreatePasteAsync(Page, secret, encrypt: true);

        var match = EncryptedPasteUrl.Match(Page.Url);
        var (id, key) = (match.Groups[1].Value, match.Groups[2].Value);
        await Assertions.Expect(Page.Locator("#paste-content")).ToHaveTextAsync(secret);      // decrypted in the page
        await Assertions.Expect(Page.Locator("#paste-encrypted-note")).ToBeHiddenAsync();
        await Assertions.Expect(Page.Locator(".code .lines a")).ToHaveCountAsync(2);
        await Assertions.Expect(Page.Locator("#paste-stats")).ToHaveTextAsync($"2 lines · {Encoding.UTF8.GetByteCount(secret)} bytes");
        await Screenshot(Page, "paste-encrypted");
        Assert.Single(posts);
        Assert.DoesNotContain("launch code", posts[0]);
        Assert.DoesNotContain(key, posts[0]);

        using var api = new HttpClient { BaseAddress = BaseUrl };
        var stored = JsonDocument.Parse(await api.GetStringAsync($"/api/v2/pastes/{id}")).RootElement;
        var content = stored.GetProperty("content").GetString()!;
        Assert.Matches("^[0-9a-f]+$", content);
        Assert.DoesNotContain("launch", content);
        var encryption = stored.GetProperty("metadata").GetProperty("pf_encryption");
        Assert.Equal("AES-CBC", encryption.GetProperty("alg").GetString());
        Assert.Matches("^[0-9a-f]{32}$", encryption.GetProperty("iv").GetString());
        Assert.Equal(secret, PastyDecrypt(content, key, encryption.GetProperty("iv").GetString()!));

        // Without the key the page asks for it (dismissed here) and shows no plain text.
        var withoutKey = await (await NewContextAsync(BaseUrl)).NewPageAsync();
        var asked = new TaskCompletionSource<string>();
        withoutKey.Dialog += (_, dialog) => { asked.TrySetResult(dialog.Message); _ = dialog.DismissAsync(); };
        await withoutKey.GotoAsync($"/{id}");
        Assert.Equal("Your decryption key:", await asked.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assertions.Expect(withoutKey.Locator("#paste-encrypted-note")).ToBeVisibleAsync();
        await Assertions.Expect(withoutKey.Locator("main")).Not.ToContainTextAsync("launch code");
        AssertNoBrowserProblems();
    }

    [Fact]
    public async Task A_paste_encrypted_the_way_pastys_frontend_does_opens_decrypted_in_our_page()
    {
        const string text = "made by pasty's frontend\n";
        var key = RandomNumberGenerator.GetBytes(32);
        var iv = RandomNumberGenerator.GetBytes(16);
        using var aes = Aes.Create();
        aes.Key = key;
        var cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes(text), iv, PaddingMode.PKCS7);
        using var api = new HttpClient { BaseAddress = BaseUrl };
        var response = await api.PostAsJsonAsync("/api/v2/pastes", new
        {
            content = Convert.ToHexStringLower(cipher),
            metadata = new { pf_encryption = new { alg = "AES-CBC", iv = Convert.ToHexStringLower(iv) } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        await Page.GotoAsync($"/{id}#{Convert.ToHexStringLower(key)}");
        await Assertions.Expect(Page.Locator("#paste-content")).ToHaveTextAsync(text);
        await Assertions.Expect(Page.Locator("#paste-encrypted-note")).ToBeHiddenAsync();

        // A wrong key says so instead of showing garbage.
        var wrong = await (await NewContextAsync(BaseUrl)).NewPageAsync();
        await wrong.GotoAsync($"/{id}#{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}");
        await Assertions.Expect(wrong.Locator("#paste-status")).ToContainTextAsync("Could not decrypt");
        await Assertions.Expect(wrong.Locator("main")).Not.ToContainTextAsync("made by pasty");
        AssertNoBrowserProblems();
    }

    [Fact]
    public async Task A_burn_after_reading_paste_asks_first_and_is_gone_after_one_view()
    {
        await Page.GotoAsync("/");
        await CreatePasteAsync(Page, "read me once", burn: true);
        var pasteUrl = Page.Url;                         // the creator lands on the confirmation: nothing is burnt yet
        await Assertions.Expect(Page.Locator("main")).Not.ToContainTextAsync("read me once");

        var reader = await (await NewContextAsync(BaseUrl)).NewPageAsync();
        Assert.Equal(200, (await reader.GotoAsync(pasteUrl))!.Status);
        await Assertions.Expect(reader.Locator("main h1")).ToHaveTextAsync("This paste is deleted when it is read");
        await Assertions.Expect(reader.Locator("main")).Not.ToContainTextAsync("read me once");
        await Screenshot(reader, "paste-burn-confirm");
        await reader.GetByRole(AriaRole.Button, new() { Name = "Show it and delete it" }).ClickAsync();
        await Assertions.Expect(reader.Locator("#paste-content")).ToHaveTextAsync("read me once");
        await Assertions.Expect(reader.Locator("main")).ToContainTextAsync("This paste has now been deleted");
        await Screenshot(reader, "paste-burnt");

        var again = await reader.GotoAsync(pasteUrl);
        Assert.Equal(404, again!.Status);
        await Assertions.Expect(reader.Locator("main h1")).ToHaveTextAsync("Paste not found");
        AssertNoBrowserProblems();
    }

    [Fact]
    public async Task An_encrypted_burn_after_reading_paste_decrypts_after_the_confirmation()
    {
        await Page.GotoAsync("/");
        await CreatePasteAsync(Page, "a secret read once", encrypt: true, burn: true);
        var pasteUrl = Page.Url;

        var reader = await (await NewContextAsync(BaseUrl)).NewPageAsync();
        await reader.GotoAsync(pasteUrl);
        await reader.GetByRole(AriaRole.Button, new() { Name = "Show it and delete it" }).ClickAsync();
        await Assertions.Expect(reader).ToHaveURLAsync(pasteUrl);                      // the key came along
        await Assertions.Expect(reader.Locator("#paste-content")).ToHaveTextAsync("a secret read once");
        Assert.Equal(404, (await reader.GotoAsync(pasteUrl.Split('#')[0]))!.Status);   // a new document, not a jump to the fragment
        AssertNoBrowserProblems();
    }

    [Fact]
    public async Task The_paste_page_fits_a_phone_and_long_lines_scroll_inside_the_code()
    {
        using var api = new HttpClient { BaseAddress = BaseUrl };
        var longLine = "const message = \"" + string.Concat(Enumerable.Repeat("a long line without any break ", 12)) + "\";\n";
        var response = await api.PostAsJsonAsync("/api/v2/pastes", new
        {
            content = "// a paste on a phone\n" + longLine + "console.log(message);\n",
            metadata = new { filename = "a-rather-long-file-name-for-a-small-screen.js" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        var phone = await (await NewContextAsync(BaseUrl, Phone())).NewPageAsync();
        await phone.GotoAsync($"/{id}");
        await Assertions.Expect(phone.Locator("#paste-content")).ToHaveClassAsync(new Regex(@"\bhljs\b"));
        await Screenshot(phone, "phone-paste");
        await ExpectNoHorizontalScrollAsync(phone);
        await ExpectScrollsInsideAsync(phone.Locator(".code"));

        await phone.GotoAsync("/");
        await ExpectNoHorizontalScrollAsync(phone);
        await Screenshot(phone, "phone-home");
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
