using System.Net;
using PasteLite.Config;
using PasteLite.Tests.Pasty;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Terminal;

/// <summary>DELETE /{id} with the modification token (or the admin token) as a Bearer credential.</summary>
public sealed class TerminalDeleteTests
{
    [Fact]
    public async Task The_modification_token_deletes_the_paste()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var paste = await server.Client.PasteAsync("x");

        var response = await server.Client.DeleteWithAsync($"/{paste.Id}", $"Bearer {paste.Token}");

        await response.AssertLineAsync(HttpStatusCode.OK, $"deleted {paste.Id}");
        Assert.False(home.IsStored(paste.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/{paste.Id}")).StatusCode);
    }

    [Fact]
    public async Task Missing_or_wrong_credentials_are_401_and_403_and_keep_the_paste()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var paste = await server.Client.PasteAsync("x");
        var other = await server.Client.PasteAsync("y");

        var none = await server.Client.DeleteWithAsync($"/{paste.Id}", null);
        await none.AssertLineAsync(HttpStatusCode.Unauthorized,
            "unauthorized: send Authorization: Bearer <modification token> (the X-Modification-Token the paste was created with)");
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.ToString());
        await (await server.Client.DeleteWithAsync($"/{paste.Id}", "Basic dXNlcjpwdw==")).AssertLineAsync(HttpStatusCode.Unauthorized,
            "unauthorized: send Authorization: Bearer <modification token> (the X-Modification-Token the paste was created with)");
        await (await server.Client.DeleteWithAsync($"/{paste.Id}", "Bearer wrong-token")).AssertLineAsync(HttpStatusCode.Forbidden,
            "forbidden: that token may not delete this paste");
        await (await server.Client.DeleteWithAsync($"/{paste.Id}", $"Bearer {other.Token}")).AssertLineAsync(HttpStatusCode.Forbidden,
            "forbidden: that token may not delete this paste");
        Assert.True(home.IsStored(paste.Id));
    }

    [Fact]
    public async Task A_missing_paste_is_404_before_the_token_is_looked_at()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        await (await server.Client.DeleteWithAsync("/nope42", null)).AssertLineAsync(HttpStatusCode.NotFound, "paste not found");
    }

    [Fact]
    public async Task The_admin_token_deletes_any_paste_even_with_modification_tokens_off()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyAdminToken, "admin-secret"), (SettingKeys.PastyModificationTokens, "false"));
        var paste = await server.Client.PasteAsync("x");

        await (await server.Client.DeleteWithAsync($"/{paste.Id}", "bearer admin-secret")).AssertLineAsync(HttpStatusCode.OK, $"deleted {paste.Id}");
    }

    [Fact]
    public async Task Deleting_a_burn_after_reading_paste_does_not_need_to_read_it()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var paste = await server.Client.PasteAsync("x", ("Burn-After-Reading", "1"));

        await (await server.Client.DeleteWithAsync($"/{paste.Id}", $"Bearer {paste.Token}")).AssertLineAsync(HttpStatusCode.OK, $"deleted {paste.Id}");
    }
}
