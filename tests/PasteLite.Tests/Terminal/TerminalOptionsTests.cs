using System.Net;
using PasteLite.Config;
using PasteLite.Services;
using PasteLite.Tests.Pasty;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Terminal;

/// <summary>Expire and Burn-After-Reading, as headers or query parameters, and expiry taking effect at once.</summary>
public sealed class TerminalOptionsTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("10m", 600)]
    [InlineData("1h", 3600)]
    [InlineData("7d", 604800)]
    [InlineData("1h30m", 5400)]
    [InlineData("1500ms", 2)] // rounded up to whole seconds: never sooner than asked
    public async Task Expire_as_a_header_sets_the_expiry(string expire, long seconds)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var paste = await server.Client.PasteAsync("x", ("Expire", expire));

        var expiresAt = home.ExpiresAt(paste.Id)!.Value;
        Assert.InRange(expiresAt, (before + seconds * 1000) / 1000, PastyTestSupport.Now + seconds + 1);
    }

    [Fact]
    public async Task Expire_as_a_query_parameter_wins_over_the_header()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var response = await server.Client.PostTextAsync("/?expire=10m", "x", ("Expire", "7d"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadAsStringAsync()).TrimEnd()[^6..];
        Assert.InRange(home.ExpiresAt(id)!.Value - PastyTestSupport.Now, 598, 601);
    }

    [Theory]
    [InlineData("/", "3 days", "invalid expiry \"3 days\": use a positive duration such as 30s, 10m, 1h or 7d")]
    [InlineData("/", "10", "invalid expiry \"10\": use a positive duration such as 30s, 10m, 1h or 7d")]
    [InlineData("/", "0", "invalid expiry \"0\": use a positive duration such as 30s, 10m, 1h or 7d")]
    [InlineData("/", "0s", "invalid expiry \"0s\": use a positive duration such as 30s, 10m, 1h or 7d")]
    [InlineData("/", "-5m", "invalid expiry \"-5m\": use a positive duration such as 30s, 10m, 1h or 7d")]
    [InlineData("/", "99999999999d", "invalid expiry \"99999999999d\": use a positive duration such as 30s, 10m, 1h or 7d")]
    [InlineData("/?expire=", null, "invalid expiry \"\": use a positive duration such as 30s, 10m, 1h or 7d")]
    [InlineData("/?expire=1%0Ah", null, "invalid expiry \"1?h\": use a positive duration such as 30s, 10m, 1h or 7d")]
    public async Task An_invalid_expiry_is_a_400_with_a_one_line_reason(string path, string? header, string reason)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var response = header is null ? await server.Client.PostTextAsync(path, "x") : await server.Client.PostTextAsync(path, "x", ("Expire", header));

        await response.AssertLineAsync(HttpStatusCode.BadRequest, reason);
        Assert.Equal(0, home.PasteCount());
    }

    [Fact]
    public async Task Max_expiry_bounds_what_may_be_asked_and_is_the_default()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyMaxExpiry, "30d"));

        await (await server.Client.PostTextAsync("/", "x", ("Expire", "31d"))).AssertLineAsync(HttpStatusCode.BadRequest,
            "expiry 31d is longer than this server allows (30d)");
        await (await server.Client.PostTextAsync("/?expire=721h", "x")).AssertLineAsync(HttpStatusCode.BadRequest,
            "expiry 721h is longer than this server allows (30d)");
        var longest = await server.Client.PasteAsync("x", ("Expire", "720h"));
        var unasked = await server.Client.PasteAsync("x");

        Assert.InRange(home.ExpiresAt(longest.Id)!.Value - PastyTestSupport.Now, 30 * 86400 - 2, 30 * 86400 + 1);
        Assert.InRange(home.ExpiresAt(unasked.Id)!.Value - PastyTestSupport.Now, 30 * 86400 - 2, 30 * 86400 + 1);
        Assert.Contains("pastes expire within 30d", await server.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task Without_max_expiry_and_without_expire_a_paste_never_expires()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var paste = await server.Client.PasteAsync("x");

        Assert.Null(home.ExpiresAt(paste.Id));
        Assert.Equal(0, home.BurnFlag(paste.Id));
    }

    [Theory]
    [InlineData("/", "true", 1)]
    [InlineData("/", "1", 1)]
    [InlineData("/", "yes", 1)]
    [InlineData("/", "TRUE", 1)]
    [InlineData("/", "false", 0)]
    [InlineData("/", "0", 0)]
    [InlineData("/?burn=1", null, 1)]
    [InlineData("/?burn=true", "false", 1)]
    [InlineData("/?burn=0", null, 0)]
    public async Task Burn_after_reading_as_a_header_or_query(string path, string? header, long stored)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var response = header is null ? await server.Client.PostTextAsync(path, "x") : await server.Client.PostTextAsync(path, "x", ("Burn-After-Reading", header));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(stored, home.BurnFlag((await response.Content.ReadAsStringAsync()).TrimEnd()[^6..]));
    }

    [Fact]
    public async Task An_invalid_burn_value_is_a_400()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        await (await server.Client.PostTextAsync("/", "x", ("Burn-After-Reading", "maybe"))).AssertLineAsync(HttpStatusCode.BadRequest,
            "invalid burn-after-reading \"maybe\": use true or false");
        await (await server.Client.PostTextAsync("/?burn=2", "x")).AssertLineAsync(HttpStatusCode.BadRequest,
            "invalid burn-after-reading \"2\": use true or false");
    }

    [Fact]
    public async Task A_paste_is_404_everywhere_from_the_moment_it_expires_before_any_sweep()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyAutodeleteInterval, "24h"), (SettingKeys.PastyAdminToken, "admin"));
        var paste = await server.Client.PasteAsync("brief", ("Expire", "1s"));
        Assert.Equal("brief", await server.Client.GetStringAsync($"/{paste.Id}"));

        var deadline = DateTimeOffset.FromUnixTimeSeconds(home.ExpiresAt(paste.Id)!.Value);
        await Task.Delay(deadline - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));

        foreach (var path in new[] { $"/{paste.Id}", $"/{paste.Id}/raw", $"/raw/{paste.Id}", $"/api/v2/pastes/{paste.Id}" })
            Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/documents/{paste.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.BrowseAsync($"/{paste.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.DeleteWithAsync($"/{paste.Id}", "Bearer admin")).StatusCode);
        Assert.True(home.IsStored(paste.Id)); // only the sweeper deletes it
        Assert.Equal(1, server.Get<PasteSweeper>().SweepOnce());
    }

    [Fact]
    public async Task A_paste_expiring_later_is_readable_and_one_expiring_now_is_gone()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var paste = await server.Client.PasteAsync("x", ("Expire", "1h"));
        home.SetExpiresAt(paste.Id, PastyTestSupport.Now + 2);
        var expired = await server.Client.PasteAsync("y", ("Expire", "1h"));
        home.SetExpiresAt(expired.Id, PastyTestSupport.Now);

        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"/{paste.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/{expired.Id}")).StatusCode); // expires_at <= now is gone
    }
}
