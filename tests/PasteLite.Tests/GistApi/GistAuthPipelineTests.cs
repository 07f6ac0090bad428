using System.Net;
using PasteLite.Auth;
using PasteLite.Data;

namespace PasteLite.Tests.GistApi;

/// <summary>
/// Tokens and scopes in Opengist's order (opengist-behaviour.md §1, §8; middleware_test.go), with DESIGN's
/// case-insensitive scheme.
/// </summary>
public sealed class GistAuthPipelineTests
{
    [Fact]
    public async Task Missing_token_on_user_is_401_requires_authentication()
    {
        await using var api = await ApiFixture.StartAsync();

        await Api.AssertError(await api.Get("/api/user"), 401, "Requires authentication");
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Token")]
    [InlineData("token")]
    [InlineData("bearer")]
    [InlineData("TOKEN")]
    public async Task Bearer_and_Token_schemes_in_any_case_authenticate(string scheme)
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.User("alice");
        var token = api.Token(alice, userScope: ScopeLevel.Read);

        var response = await api.Send(HttpMethod.Get, "/api/user", token, scheme: scheme);

        await Api.AssertStatus(response, HttpStatusCode.OK);
        Assert.Equal("alice", (await Api.Json(response)).Str("login"));
    }

    [Theory]
    [InlineData("Bearer og_0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("Token not-a-token")]
    [InlineData("Basic YWxpY2U6cHc=")]
    [InlineData("og_0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task Bad_credentials_are_401_with_upstreams_spelling(string header)
    {
        await using var api = await ApiFixture.StartAsync();
        api.User("alice");

        var response = await api.Send(HttpMethod.Get, "/api/gists", configure: r => r.Headers.TryAddWithoutValidation("Authorization", header));

        await Api.AssertError(response, 401, "Bad crendentials");
        Assert.Null(Api.Header(response, "WWW-Authenticate"));
    }

    [Fact]
    public async Task Expired_token_is_401_bad_credentials()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.User("alice");
        var expired = api.Token(alice, ScopeLevel.Write, ScopeLevel.Write, expiresAt: 1);
        var lastSecond = api.Token(alice, ScopeLevel.Write, ScopeLevel.Write,
            expiresAt: DateTimeOffset.UtcNow.AddSeconds(-2).ToUnixTimeSeconds());

        await Api.AssertError(await api.Get("/api/user", expired), 401, "Bad crendentials");
        await Api.AssertError(await api.Get("/api/user", lastSecond), 401, "Bad crendentials");
        // A bad token is refused even on routes anonymous callers may use.
        await Api.AssertError(await api.Get("/api/gists/public", expired), 401, "Bad crendentials");
    }

    [Fact]
    public async Task Token_with_future_expiry_works()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.User("alice");
        var token = api.Token(alice, userScope: ScopeLevel.Read, expiresAt: DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds());

        await Api.AssertStatus(await api.Get("/api/user", token), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Read_only_gist_token_cannot_create_even_without_a_body()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");

        await Api.AssertError(await api.Post("/api/gists", alice.GistRead), 403, "token lacks required scope/permission");
        await Api.AssertError(await api.Post("/api/gists", alice.GistRead, ApiFixture.GistBody()), 403,
            "token lacks required scope/permission");
        Assert.Equal(0, api.GistCount());
    }

    [Fact]
    public async Task User_route_without_user_scope_is_403()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");

        await Api.AssertError(await api.Get("/api/user", alice.GistRead), 403, "token lacks required scope/permission");
        await Api.AssertError(await api.Get("/api/user", alice.NoScope), 403, "token lacks required scope/permission");
    }

    [Fact]
    public async Task Scope_is_checked_before_the_gist_is_looked_up()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");
        var bob = api.Account("bob");
        var hidden = await api.CreateGist(alice.Full, visibility: "private");

        // Someone else's private gist with a read-only token: 403 (scope), not 404 (lookup).
        await Api.AssertError(await api.Patch($"/api/gists/{hidden}", bob.GistRead, "{\"title\":\"x\"}"), 403,
            "token lacks required scope/permission");
        await Api.AssertError(await api.Delete($"/api/gists/{Api.UnknownId()}", bob.GistRead), 403,
            "token lacks required scope/permission");
        await Api.AssertError(await api.Post($"/api/gists/{Api.UnknownId()}/forks", bob.NoScope), 403,
            "token lacks required scope/permission");
    }

    [Fact]
    public async Task Write_routes_without_any_auth_are_401()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");
        var id = await api.CreateGist(alice.Full);

        await Api.AssertError(await api.Patch($"/api/gists/{id}", null, "{\"title\":\"x\"}"), 401, "Requires authentication");
        await Api.AssertError(await api.Delete($"/api/gists/{id}", null), 401, "Requires authentication");
        await Api.AssertError(await api.Post($"/api/gists/{id}/forks", null), 401, "Requires authentication");
        await Api.AssertError(await api.Put($"/api/gists/{id}/like", null), 401, "Requires authentication");
        await Api.AssertError(await api.Get("/api/gists/liked", null), 401, "Requires authentication");
        await Api.AssertError(await api.Get("/api/gists/forked", null), 401, "Requires authentication");
        await Api.AssertError(await api.Send(HttpMethod.Patch, "/api/user", json: "{\"email\":\"x@y.z\"}"), 401,
            "Requires authentication");
    }

    [Fact]
    public async Task Unknown_api_path_and_unregistered_method_are_404_not_found()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");

        await Api.AssertError(await api.Get("/api/nope"), 404, "Not found");
        await Api.AssertError(await api.Get("/api/nope/deeper", alice.Full), 404, "Not found");
        // No 405s in this API: a known path with a method it does not take is the catch-all's 404.
        await Api.AssertError(await api.Send(HttpMethod.Put, "/api/gists", alice.Full, "{}"), 404, "Not found");
        await Api.AssertError(await api.Send(HttpMethod.Delete, "/api/user", alice.Full), 404, "Not found");
    }

    [Fact]
    public async Task Trailing_slash_is_ignored()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");
        await api.CreateGist(alice.Full);

        var response = await api.Get("/api/gists/");

        await Api.AssertStatus(response, HttpStatusCode.OK);
        Assert.Single(Api.Ids(await Api.Json(response)));
    }

    [Fact]
    public async Task Token_use_is_recorded_as_last_used()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.User("alice");
        var token = api.Token(alice, userScope: ScopeLevel.Read);

        await Api.AssertStatus(await api.Get("/api/user", token), HttpStatusCode.OK);
        api.Server.Get<TokenUsageRecorder>().Flush();

        var row = api.Server.Get<AccessTokenStore>().FindByHash(AccessTokens.Hash(token))!;
        Assert.InRange(row.LastUsedAt, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 10, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }
}
