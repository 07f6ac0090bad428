using System.Net;
using PasteLite.Auth;
using PasteLite.Config;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Pasty;

/// <summary>Modification tokens and the admin token: who may change or delete which paste.</summary>
public sealed class PastyAuthTests
{
    [Fact]
    public async Task Only_the_sha256_of_the_modification_token_is_stored()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = await server.Client.CreatePasteAsync();

        var stored = TestDatabase.Scalar<string>(home.DatabasePath, "SELECT token_hash FROM pastes WHERE id = @id", new { id = created.Id });

        Assert.Equal(Secrets.Sha256Hex(created.ModificationToken!), stored);
        Assert.DoesNotContain(created.ModificationToken!, stored);
    }

    [Fact]
    public async Task The_modification_token_length_follows_the_setting()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyModificationTokenLength, "32"));

        var created = await server.Client.CreatePasteAsync();

        Assert.Matches("^[a-zA-Z0-9]{32}$", created.ModificationToken);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer wrong-token")]
    public async Task Patch_and_delete_without_the_right_token_are_401(string? authorization)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = await server.Client.CreatePasteAsync("keep me");

        foreach (var method in new[] { HttpMethod.Patch, HttpMethod.Delete })
        {
            var request = new HttpRequestMessage(method, $"/api/v2/pastes/{created.Id}") { Content = PastyTestSupport.Json("{\"content\":\"changed\"}") };
            if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            await (await server.Client.SendAsync(request)).AssertTextAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }
        Assert.Equal("keep me", await server.Client.GetStringAsync($"/{created.Id}/raw"));
    }

    [Fact]
    public async Task A_token_opens_only_its_own_paste()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var mine = await server.Client.CreatePasteAsync("mine");
        var theirs = await server.Client.CreatePasteAsync("theirs");

        var patch = await server.Client.SendAsync(HttpMethod.Patch, $"/api/v2/pastes/{theirs.Id}", "{\"content\":\"x\"}", mine.ModificationToken);
        var delete = await server.Client.SendAsync(HttpMethod.Delete, $"/api/v2/pastes/{theirs.Id}", bearer: mine.ModificationToken);

        await patch.AssertTextAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await delete.AssertTextAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("theirs", await server.Client.GetStringAsync($"/{theirs.Id}/raw"));
    }

    [Theory]
    [InlineData("Bearer {0}")]
    [InlineData("bearer {0}")]
    [InlineData("BEARER {0}")]
    [InlineData("Bearer  {0} ")]
    public async Task The_bearer_scheme_is_read_in_any_case(string header)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = await server.Client.CreatePasteAsync();

        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v2/pastes/{created.Id}") { Content = PastyTestSupport.Json("{\"content\":\"x\"}") };
        request.Headers.TryAddWithoutValidation("Authorization", string.Format(header, created.ModificationToken));

        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_admin_token_opens_every_paste()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyAdminToken, "admin-secret"));
        var first = await server.Client.CreatePasteAsync("one");
        var second = await server.Client.CreatePasteAsync("two");

        var patch = await server.Client.SendAsync(HttpMethod.Patch, $"/api/v2/pastes/{first.Id}", "{\"content\":\"edited\"}", "admin-secret");
        var delete = await server.Client.SendAsync(HttpMethod.Delete, $"/api/v2/pastes/{second.Id}", bearer: "admin-secret");

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal("edited", await server.Client.GetStringAsync($"/{first.Id}/raw"));
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/{second.Id}/raw")).StatusCode);
    }

    [Fact]
    public async Task The_admin_token_works_when_modification_tokens_are_disabled()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyAdminToken, "admin-secret"), (SettingKeys.PastyModificationTokens, "false"));
        var created = await server.Client.CreatePasteAsync();

        var anonymous = await server.Client.SendAsync(HttpMethod.Delete, $"/api/v2/pastes/{created.Id}", bearer: "anything");
        var admin = await server.Client.SendAsync(HttpMethod.Delete, $"/api/v2/pastes/{created.Id}", bearer: "admin-secret");

        await anonymous.AssertTextAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task An_empty_admin_token_opens_nothing()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyModificationTokens, "false"));
        var created = await server.Client.CreatePasteAsync();

        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v2/pastes/{created.Id}");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer ");

        await (await server.Client.SendAsync(request)).AssertTextAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Tokens_of_pastes_made_before_tokens_were_disabled_stop_working()
    {
        using var home = new TestHome();
        CreatedPaste created;
        await using (var before = await home.StartPasty())
            created = await before.Client.CreatePasteAsync();
        await using var server = await home.StartPasty((SettingKeys.PastyModificationTokens, "false"));

        var response = await server.Client.SendAsync(HttpMethod.Delete, $"/api/v2/pastes/{created.Id}", bearer: created.ModificationToken);

        await response.AssertTextAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
