using System.Net;
using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Pasty;

/// <summary>pasty.rate-limit: a fixed window per client IP on the paste routes, with X-RateLimit-* headers and 429.</summary>
public sealed class PastyRateLimitTests
{
    [Fact]
    public async Task Every_paste_route_counts_and_reports_limit_remaining_and_reset()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyRateLimit, "3-M"));
        var before = PastyTestSupport.Now;

        var create = await server.Client.PostAsync("/api/v2/pastes", PastyTestSupport.Json("{\"content\":\"x\"}"));
        var id = (await create.ReadJsonAsync()).GetProperty("id").GetString();
        var get = await server.Client.GetAsync($"/api/v2/pastes/{id}");
        var missing = await server.Client.GetAsync("/api/v2/pastes/nope42");

        Assert.Equal(["3", "3", "3"], new[] { create, get, missing }.Select(r => r.Header("X-RateLimit-Limit")));
        Assert.Equal(["2", "1", "0"], new[] { create, get, missing }.Select(r => r.Header("X-RateLimit-Remaining")));
        var reset = long.Parse(create.Header("X-RateLimit-Reset"));
        Assert.InRange(reset, before + 60, PastyTestSupport.Now + 61);
        Assert.Equal(create.Header("X-RateLimit-Reset"), missing.Header("X-RateLimit-Reset"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Past_the_limit_every_paste_route_is_429_limit_exceeded_before_anything_else()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyRateLimit, "3-M"), (SettingKeys.PastyReportsEnabled, "true"));
        for (var i = 0; i < 3; i++) await server.Client.PostAsync("/api/v2/pastes", PastyTestSupport.Json("{\"content\":\"x\"}"));

        var responses = new[]
        {
            await server.Client.PostAsync("/api/v2/pastes", PastyTestSupport.Json("{\"content\":\"x\"}")),
            await server.Client.GetAsync("/api/v2/pastes/nope42"),
            await server.Client.SendAsync(HttpMethod.Patch, "/api/v2/pastes/nope42", "{"),
            await server.Client.SendAsync(HttpMethod.Delete, "/api/v2/pastes/nope42"),
            await server.Client.PostAsync("/api/v2/pastes/nope42/report", PastyTestSupport.Json("{}")),
        };

        foreach (var response in responses)
        {
            await response.AssertTextAsync(HttpStatusCode.TooManyRequests, "Limit exceeded");
            Assert.Equal("3", response.Header("X-RateLimit-Limit"));
            Assert.Equal("0", response.Header("X-RateLimit-Remaining"));
            Assert.InRange(int.Parse(response.Header("Retry-After")), 1, 61);
            Assert.Equal("*", response.Header("Access-Control-Allow-Origin")); // a browser can read the 429
        }
        Assert.Equal(3, home.PasteCount());
    }

    [Fact]
    public async Task Past_the_limit_a_read_refused_for_want_of_login_is_429_too()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyRateLimit, "2-M"));
        var paste = await server.Client.CreatePasteAsync();
        server.Get<AdminSettingsStore>().Set(AdminSettings.RequireLoginKey, true);

        var refused = await server.Client.GetAsync($"/api/v2/pastes/{paste.Id}");
        var limited = await server.Client.GetAsync($"/api/v2/pastes/{paste.Id}");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode); // the second request of the window
        Assert.Equal("0", refused.Header("X-RateLimit-Remaining"));
        await limited.AssertTextAsync(HttpStatusCode.TooManyRequests, "Limit exceeded"); // counted before the login check
    }

    [Fact]
    public async Task Info_raw_and_preflight_are_not_limited()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyRateLimit, "1-M"));
        var created = await server.Client.CreatePasteAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await server.Client.GetAsync($"/api/v2/pastes/{created.Id}")).StatusCode);

        for (var i = 0; i < 3; i++)
        {
            var info = await server.Client.GetAsync("/api/v2/info");
            var raw = await server.Client.GetAsync($"/{created.Id}/raw");
            var preflight = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/api/v2/pastes"));
            Assert.Equal(HttpStatusCode.OK, info.StatusCode);
            Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
            Assert.False(info.HasHeader("X-RateLimit-Limit") || raw.HasHeader("X-RateLimit-Limit") || preflight.HasHeader("X-RateLimit-Limit"));
        }
    }

    [Fact]
    public async Task A_new_window_opens_once_the_old_one_ends()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyRateLimit, "2-S"));

        var first = await server.Client.GetAsync("/api/v2/pastes/nope42");
        await server.Client.GetAsync("/api/v2/pastes/nope42");
        var third = await server.Client.GetAsync("/api/v2/pastes/nope42");
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var later = await server.Client.GetAsync("/api/v2/pastes/nope42");

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, later.StatusCode);
        Assert.Equal("1", later.Header("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Off_sends_no_rate_limit_headers()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyRateLimit, "off"));

        var response = await server.Client.GetAsync("/api/v2/pastes/nope42");

        Assert.False(response.HasHeader("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task The_default_is_30_a_minute()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);

        var response = await server.Client.GetAsync("/api/v2/pastes/nope42");

        Assert.Equal("30", response.Header("X-RateLimit-Limit"));
        Assert.Equal("29", response.Header("X-RateLimit-Remaining"));
    }
}
