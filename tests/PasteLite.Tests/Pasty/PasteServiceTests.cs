using System.Text;
using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Services;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Pasty;

/// <summary>The creation service every paste surface shares: one id space that never overwrites, one cap.</summary>
public sealed class PasteServiceTests
{
    [Fact]
    public async Task A_full_id_space_gives_up_instead_of_overwriting()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyIdLength, "1"), (SettingKeys.PastyIdCharacters, "ab"));
        var pastes = server.Get<PasteService>();

        var first = pastes.Create("first"u8.ToArray());
        var second = pastes.Create("second"u8.ToArray());
        var third = pastes.Create("third"u8.ToArray());

        Assert.Equal(PasteCreateError.None, first.Error);
        Assert.Equal(PasteCreateError.None, second.Error);
        Assert.NotEqual(first.Paste!.Id, second.Paste!.Id); // the collision was retried
        Assert.Equal(PasteCreateError.NoFreeId, third.Error);
        var store = server.Get<PasteStore>();
        Assert.Equal("first", Encoding.UTF8.GetString(store.Find(first.Paste.Id)!.Content));
        Assert.Equal("second", Encoding.UTF8.GetString(store.Find(second.Paste.Id)!.Content));

        var response = await server.Client.PostAsync("/api/v2/pastes", PastyTestSupport.Json("{\"content\":\"third\"}"));
        await response.AssertTextAsync(System.Net.HttpStatusCode.ServiceUnavailable, "no free paste id was found; try again");
    }

    [Fact]
    public async Task Empty_and_oversized_content_is_refused_for_every_surface()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyLengthCap, "4"));
        var pastes = server.Get<PasteService>();

        Assert.Equal(PasteCreateError.MissingContent, pastes.Create([]).Error);
        Assert.Equal(PasteCreateError.TooLarge, pastes.Create("12345"u8.ToArray()).Error);
        Assert.Equal(PasteCreateError.None, pastes.Create("1234"u8.ToArray()).Error);
        Assert.Equal(1, home.PasteCount());
    }

    [Fact]
    public async Task Extras_from_other_surfaces_are_stored()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var expires = PastyTestSupport.Now + 3600;

        var created = server.Get<PasteService>().Create("x"u8.ToArray(), "{}", new PasteExtras(expires, BurnAfterRead: true));

        Assert.Equal(expires, TestDatabase.Scalar<long>(home.DatabasePath, "SELECT expires_at FROM pastes WHERE id = @id", new { id = created.Paste!.Id }));
        Assert.Equal(1, TestDatabase.Scalar<long>(home.DatabasePath, "SELECT burn_after_read FROM pastes WHERE id = @id", new { id = created.Paste.Id }));
    }
}
