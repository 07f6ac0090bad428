using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Pasty;

/// <summary>CORS on pasty's routes only: any origin; GET, POST, PATCH, DELETE, OPTIONS; Authorization and Content-Type.</summary>
public sealed class PastyCorsTests
{
    [Theory]
    [InlineData("/api/v2/info")]
    [InlineData("/api/v2/pastes")]
    [InlineData("/api/v2/pastes/abc123")]
    [InlineData("/api/v2/pastes/abc123/report")]
    [InlineData("/abc123/raw")]
    public async Task Preflight_allows_any_origin_the_methods_and_the_headers(string path)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyReportsEnabled, "true"));
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", "https://elsewhere.example");
        request.Headers.Add("Access-Control-Request-Method", "PATCH");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");

        var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
        Assert.Equal("GET, POST, PATCH, DELETE, OPTIONS", response.Header("Access-Control-Allow-Methods"));
        Assert.Equal("Authorization, Content-Type", response.Header("Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task Answers_and_errors_carry_the_origin_header_and_expose_the_rate_limit_headers()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = await server.Client.CreatePasteAsync();

        var responses = new[]
        {
            await server.Client.GetAsync("/api/v2/info"),
            await server.Client.GetAsync($"/api/v2/pastes/{created.Id}"),
            await server.Client.GetAsync("/api/v2/pastes/nope42"),
            await server.Client.SendAsync(HttpMethod.Patch, $"/api/v2/pastes/{created.Id}", "{}"),
            await server.Client.GetAsync($"/{created.Id}/raw"),
        };

        Assert.All(responses, r => Assert.Equal("*", r.Header("Access-Control-Allow-Origin")));
        Assert.Contains("X-RateLimit-Remaining", responses[1].Header("Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task A_read_refused_under_require_login_carries_the_origin_header_so_scripts_can_read_the_401()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = await server.Client.CreatePasteAsync();
        server.Get<AdminSettingsStore>().Set(AdminSettings.RequireLoginKey, true);

        foreach (var path in new[] { $"/api/v2/pastes/{created.Id}", $"/{created.Id}/raw" })
        {
            var response = await server.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
        }
    }

    [Fact]
    public async Task Other_surfaces_get_no_cors_headers()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var request = new HttpRequestMessage(HttpMethod.Get, "/healthcheck");
        request.Headers.Add("Origin", "https://elsewhere.example");

        var response = await server.Client.SendAsync(request);

        Assert.False(response.HasHeader("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Only_routes_with_a_cors_policy_run_the_framework_cors_step_which_fills_HttpContext_Items()
    {
        using var home = new TestHome();
        var itemsUsed = new Dictionary<string, bool>();
        await using var server = await InProcessServer.StartAsync(home, new Dictionary<string, string> { [SettingKeys.PastyRateLimit] = "off" },
            b => b.Services.AddSingleton<IStartupFilter>(new ItemsProbe(itemsUsed)));
        var created = await server.Client.CreatePasteAsync();

        foreach (var path in new[] { $"/api/v2/pastes/{created.Id}", $"/{created.Id}/raw", "/api/gists/public" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Origin", "https://elsewhere.example");
            var response = await server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
        }

        // The Gist API's policy runs the framework's middleware (which marks Items); pasty's routes answer without it.
        Assert.True(itemsUsed["/api/gists/public"]);
        Assert.False(itemsUsed[$"/api/v2/pastes/{created.Id}"]);
        Assert.False(itemsUsed[$"/{created.Id}/raw"]);
    }

    /// <summary>Records, per path, whether anything in the pipeline created the request's Items dictionary.</summary>
    private sealed class ItemsProbe(Dictionary<string, bool> itemsUsed) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                await inner(context);
                lock (itemsUsed) itemsUsed[context.Request.Path.Value!] = context.Features.Get<IItemsFeature>() is not null;
            });
            next(app);
        };
    }
}
