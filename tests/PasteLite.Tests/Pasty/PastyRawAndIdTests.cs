using System.Net;
using PasteLite.Config;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Pasty;

/// <summary>GET /{id}/raw, and the ids pastes get.</summary>
public sealed class PastyRawAndIdTests
{
    [Theory]
    [InlineData("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")]
    [InlineData("%PDF-1.4 binary-looking")]
    [InlineData("{\"json\": true}")]
    public async Task Raw_is_always_utf8_plain_text_with_nosniff(string content)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = await server.Client.CreatePasteAsync(content);

        var response = await server.Client.GetAsync($"/{created.Id}/raw");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Equal(content, await response.Content.ReadAsStringAsync());
        Assert.Equal(content, await server.Client.GetStringAsync($"/{created.Id}/raw/")); // trailing slash tolerated
    }

    [Fact]
    public async Task Raw_of_a_missing_paste_is_404_with_nosniff()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var response = await server.Client.GetAsync("/nope42/raw");

        await response.AssertTextAsync(HttpStatusCode.NotFound, "paste not found");
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
    }

    [Fact]
    public async Task Ids_are_case_sensitive()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyIdCharacters, "abc"), (SettingKeys.PastyIdLength, "12"));
        var created = await server.Client.CreatePasteAsync("x");

        var response = await server.Client.GetAsync($"/api/v2/pastes/{created.Id.ToUpperInvariant()}");

        Assert.Matches("^[abc]{12}$", created.Id);
        await response.AssertTextAsync(HttpStatusCode.NotFound, "paste not found");
    }

    [Fact]
    public async Task Many_pastes_get_distinct_ids_from_the_configured_alphabet()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyIdCharacters, "xyz0"), (SettingKeys.PastyIdLength, "9"));

        var ids = new HashSet<string>();
        for (var i = 0; i < 40; i++) ids.Add((await server.Client.CreatePasteAsync($"paste {i}")).Id);

        Assert.Equal(40, ids.Count);
        Assert.All(ids, id => Assert.Matches("^[xyz0]{9}$", id));
    }
}
