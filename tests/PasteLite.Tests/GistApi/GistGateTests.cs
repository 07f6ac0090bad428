using System.Net;
using System.Text.RegularExpressions;
using PasteLite.Data;

namespace PasteLite.Tests.GistApi;

/// <summary>
/// The gates around the API: `api.enabled` (§7), require-login and allow-gists-without-login (§6), CORS (§1)
/// and the served spec. Upstream never tested the first two on the API.
/// </summary>
public sealed class GistGateTests
{
    [Fact]
    public async Task Disabled_api_is_403_on_every_route_even_with_a_bad_token()
    {
        await using var api = await ApiFixture.StartAsync("api.enabled", "false");
        var alice = api.Account("alice");
        var id = Api.UnknownId();

        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Get, "/api/gists"), (HttpMethod.Post, "/api/gists"), (HttpMethod.Get, "/api/gists/public"),
                     (HttpMethod.Get, $"/api/gists/{id}"), (HttpMethod.Get, $"/api/gists/{id}/commits"),
                     (HttpMethod.Put, $"/api/gists/{id}/star"), (HttpMethod.Get, "/api/user"), (HttpMethod.Get, "/api/users/alice"),
                     (HttpMethod.Get, "/api"),
                 })
        {
            await Api.AssertError(await api.Send(method, path, alice.Full), 403, "API is disabled");
            await Api.AssertError(await api.Send(method, path), 403, "API is disabled");
            await Api.AssertError(await api.Send(method, path, "og_bad"), 403, "API is disabled");
        }
        Assert.Equal(0, api.GistCount());
    }

    [Fact]
    public async Task Disabled_api_still_serves_the_spec_and_404s_unknown_paths()
    {
        await using var api = await ApiFixture.StartAsync("api.enabled", "false");

        var spec = await api.Get("/api/openapi.yaml");
        await Api.AssertStatus(spec, HttpStatusCode.OK);
        Assert.Contains("yaml", spec.Content.Headers.ContentType?.MediaType);

        await Api.AssertError(await api.Get("/api/nope"), 404, "Not found");
    }

    [Fact]
    public async Task Spec_is_yaml_and_lists_every_reference_path()
    {
        await using var api = await ApiFixture.StartAsync();

        var response = await api.Get("/api/openapi.yaml");

        await Api.AssertStatus(response, HttpStatusCode.OK);
        Assert.Contains("yaml", response.Content.Headers.ContentType?.MediaType);
        var yaml = await response.Content.ReadAsStringAsync();
        Assert.Matches(new Regex(@"^openapi:\s*['""]?3\.1", RegexOptions.Multiline), yaml);
        // Path keys, with parameter names and an /api prefix (if the doc puts it in paths rather than servers) normalised away.
        var paths = Regex.Matches(yaml, @"^\s+['""]?(/[^'"":\s]*)['""]?:\s*$", RegexOptions.Multiline)
            .Select(m => Regex.Replace(m.Groups[1].Value, @"\{[^}]+\}", "{}"))
            .Select(p => p.StartsWith("/api/", StringComparison.Ordinal) ? p[4..] : p)
            .ToHashSet();
        foreach (var expected in new[]
                 {
                     "/gists", "/gists/public", "/gists/liked", "/gists/forked", "/gists/{}", "/gists/{}/commits", "/gists/{}/{}",
                     "/gists/{}/forks", "/gists/{}/like", "/gists/{}/files/{}/{}", "/user", "/user/{}", "/users/{}",
                     "/users/{}/gists", "/users/{}/liked", "/users/{}/forked",
                 })
            Assert.True(paths.Contains(expected), $"the spec does not list {expected}; it lists {string.Join(' ', paths)}");
    }

    [Fact]
    public async Task Require_login_refuses_anonymous_callers_everywhere()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");
        var id = await api.CreateGist(alice.Full);
        var version = await api.HeadVersion(id, alice.Full);
        api.Setting(AdminSettings.RequireLoginKey, true);

        foreach (var path in new[]
                 {
                     "/api/gists", "/api/gists/public", $"/api/gists/{id}", $"/api/gists/{id}/commits", $"/api/gists/{id}/{version}",
                     $"/api/gists/{id}/forks", $"/api/gists/{id}/files/{version}/file.txt", "/api/users/alice", "/api/users/alice/gists",
                     $"/api/user/{alice.Id}",
                 })
            await Api.AssertError(await api.Get(path), 401, "Requires authentication");
    }

    [Fact]
    public async Task Require_login_lets_any_valid_token_through_even_without_scopes()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");
        var bob = api.Account("bob");
        var id = await api.CreateGist(alice.Full);
        api.Setting(AdminSettings.RequireLoginKey, true);

        Assert.Equal([id], Api.Ids(await api.GetJson("/api/gists/public", bob.NoScope)));
        Assert.Equal(id, (await api.GetJson($"/api/gists/{id}", bob.NoScope)).Str("id"));
        await Api.AssertStatus(await api.Get("/api/users/alice", bob.NoScope), HttpStatusCode.OK);
        // A bad token is still a bad token.
        await Api.AssertError(await api.Get("/api/gists/public", "og_bad"), 401, "Bad crendentials");
    }

    [Fact]
    public async Task Allow_gists_without_login_opens_single_gist_routes_only()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");
        var id = await api.CreateGist(alice.Full, visibility: "unlisted");
        var hidden = await api.CreateGist(alice.Full, visibility: "private");
        var version = await api.HeadVersion(id, alice.Full);
        api.Setting(AdminSettings.RequireLoginKey, true);
        api.Setting(AdminSettings.AllowGistsWithoutLoginKey, true);

        Assert.Equal(id, (await api.GetJson($"/api/gists/{id}")).Str("id"));
        Assert.Single((await api.GetJson($"/api/gists/{id}/commits")).EnumerateArray());
        Assert.Equal(id, (await api.GetJson($"/api/gists/{id}/{version}")).Str("id"));
        Assert.Empty((await api.GetJson($"/api/gists/{id}/forks")).EnumerateArray());
        var raw = await api.Get($"/api/gists/{id}/files/{version}/file.txt");
        await Api.AssertStatus(raw, HttpStatusCode.OK);
        Assert.Equal("hello", await raw.Content.ReadAsStringAsync());
        // Visibility still applies, and routes that need a user still need one.
        await Api.AssertError(await api.Get($"/api/gists/{hidden}"), 404, "Gist not found");
        await Api.AssertError(await api.Put($"/api/gists/{id}/like", null), 401, "Requires authentication");
        await Api.AssertError(await api.Patch($"/api/gists/{id}", null, "{\"title\":\"x\"}"), 401, "Requires authentication");
        // Lists and users stay closed.
        await Api.AssertError(await api.Get("/api/gists"), 401, "Requires authentication");
        await Api.AssertError(await api.Get("/api/gists/public"), 401, "Requires authentication");
        await Api.AssertError(await api.Get("/api/users/alice/gists"), 401, "Requires authentication");
        await Api.AssertError(await api.Get("/api/users/alice"), 401, "Requires authentication");
    }

    [Fact]
    public async Task Allow_gists_without_login_alone_changes_nothing()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");
        var id = await api.CreateGist(alice.Full);
        api.Setting(AdminSettings.AllowGistsWithoutLoginKey, true);

        Assert.Equal([id], Api.Ids(await api.GetJson("/api/gists")));
        Assert.Equal(id, (await api.GetJson($"/api/gists/{id}")).Str("id"));
    }

    [Fact]
    public async Task Cross_origin_requests_see_the_pagination_headers()
    {
        await using var api = await ApiFixture.StartAsync();

        var response = await api.Send(HttpMethod.Get, "/api/gists/public",
            configure: r => r.Headers.TryAddWithoutValidation("Origin", "https://elsewhere.example"));

        await Api.AssertStatus(response, HttpStatusCode.OK);
        Assert.Equal("*", Api.Header(response, "Access-Control-Allow-Origin"));
        var exposed = (Api.Header(response, "Access-Control-Expose-Headers") ?? "")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var header in new[] { "Link", "X-Page", "X-Per-Page", "X-Total", "X-Total-Pages" })
            Assert.Contains(header, exposed, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cors_preflight_is_answered_for_authorised_writes()
    {
        await using var api = await ApiFixture.StartAsync();

        var response = await api.Send(HttpMethod.Options, "/api/gists/0123456789abcdef0123456789abcdef", configure: r =>
        {
            r.Headers.TryAddWithoutValidation("Origin", "https://elsewhere.example");
            r.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "PATCH");
            r.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "authorization,content-type");
        });

        Assert.True(response.IsSuccessStatusCode, $"preflight answered {(int)response.StatusCode}");
        Assert.Equal("*", Api.Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("PATCH", Api.Header(response, "Access-Control-Allow-Methods") ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Contains("authorization", Api.Header(response, "Access-Control-Allow-Headers") ?? "", StringComparison.OrdinalIgnoreCase);
    }
}
