using System.Net;
using System.Text.Json;
using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Web;

/// <summary>The home page's paste form, the paste page, /{id}.{ext}, and /{name} falling back to a user's page.</summary>
public sealed class PastePageTests
{
    [Fact]
    public async Task The_form_without_script_creates_a_paste_and_shows_its_link_and_token_once()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);
        var browser = new PageClient(server);

        var response = await browser.PostFormAsync("/-/pastes", ("content", "print('hi')\n"), ("filename", "hello.py"), ("expire", "1h"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var html = await PageClient.BodyAsync(response);
        var id = System.Text.RegularExpressions.Regex.Match(html, "href=\"/([A-Za-z0-9]+)\">/\\1<").Groups[1].Value;
        var paste = server.Get<PasteStore>().Look(id)!.Paste;
        Assert.Equal("print('hi')\n"u8.ToArray(), paste.Content);
        Assert.Contains("\"filename\":\"hello.py\"", paste.Metadata);
        Assert.Contains("class=\"secret\"", html);
        var page = await PageClient.BodyAsync(await browser.GetAsync("/" + id));
        Assert.Contains("data-highlight=\"py\"", page);
        Assert.Contains("print(&#39;hi&#39;)", page);
        Assert.Contains($"id=\"L1\" href=\"#L1\"", page);
    }

    [Fact]
    public async Task Script_posts_get_json_and_encrypted_pastes_keep_only_ciphertext_and_the_iv()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);
        var browser = new PageClient(server);
        await browser.GetAsync("/");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/-/pastes")
        {
            Content = new FormUrlEncodedContent([new("content", "00ff10ab"), new("encryption_iv", new string('a', 32)), new("_csrf", browser.Cookie("pastelite_csrf")!)]),
        };
        request.Headers.Accept.ParseAdd("application/json");

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var created = JsonDocument.Parse(await PageClient.BodyAsync(response));
        var id = created.RootElement.GetProperty("id").GetString()!;
        Assert.Equal("/" + id, created.RootElement.GetProperty("path").GetString());
        Assert.Equal(12, created.RootElement.GetProperty("modificationToken").GetString()!.Length);
        var paste = server.Get<PasteStore>().Look(id)!.Paste;
        Assert.Equal("00ff10ab"u8.ToArray(), paste.Content);
        using var metadata = JsonDocument.Parse(paste.Metadata);
        Assert.Equal("AES-CBC", metadata.RootElement.GetProperty("pf_encryption").GetProperty("alg").GetString());
        var page = await PageClient.BodyAsync(await browser.GetAsync("/" + id));
        Assert.Contains($"data-iv=\"{new string('a', 32)}\"", page);
        Assert.DoesNotContain("data-highlight", page.Split("id=\"paste-content\"")[1].Split('>')[0]);
    }

    [Theory]
    [InlineData("expire", "forever", HttpStatusCode.BadRequest)]
    [InlineData("encryption_iv", "not-hex", HttpStatusCode.BadRequest)]
    [InlineData("content", "", HttpStatusCode.BadRequest)]
    public async Task Bad_form_input_is_a_4xx_with_a_message(string field, string value, HttpStatusCode status)
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);
        var fields = new Dictionary<string, string> { ["content"] = "x", [field] = value };

        var response = await new PageClient(server).PostFormAsync("/-/pastes", fields);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains("Paste not created", await PageClient.BodyAsync(response));
    }

    [Fact]
    public async Task An_extension_picks_the_language_and_a_name_without_paste_is_a_users_page()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);
        var browser = new PageClient(server);
        await browser.RegisterAsync("alice");
        await browser.RegisterAsync("bob-the-builder");
        var created = await browser.PostFormAsync("/-/pastes", ("content", "x = 1\n"));
        var id = System.Text.RegularExpressions.Regex.Match(await PageClient.BodyAsync(created), "href=\"/([A-Za-z0-9]+)\">/\\1<").Groups[1].Value;

        Assert.Contains("data-highlight=\"rb\"", await PageClient.BodyAsync(await browser.GetAsync($"/{id}.rb")));
        var alice = await browser.GetAsync("/alice");
        var bob = await browser.GetAsync("/bob-the-builder");
        var nobody = await browser.GetAsync("/nobody");
        Assert.Equal(HttpStatusCode.OK, alice.StatusCode);
        Assert.Contains("alice", await PageClient.BodyAsync(alice));
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
    }
}
