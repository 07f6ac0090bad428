using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PasteLite.Config;
using PasteLite.Tests.Support;
using PasteLite.Tests.Terminal;

namespace PasteLite.Tests.Hardening;

/// <summary>
/// X-Content-Type-Options, Referrer-Policy and framing protection on every kind of answer: pages, API JSON, plain text,
/// assets, redirects, preflights, and the errors (401, 404, 405, 413 declared and chunked, 429) wherever they come from.
/// </summary>
public sealed class SecurityHeaderTests : IAsyncLifetime
{
    private const int Limit = 64 * 1024;
    private readonly TestHome _home = new();
    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync(_home, new Dictionary<string, string>
    {
        [SettingKeys.MaxBodySize] = Limit.ToString(), [SettingKeys.PastyRateLimit] = "2-M", [SettingKeys.PastyLengthCap] = "1000",
    });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Dispose();
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, HttpContent? content = null, string? accept = null, string? authorization = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return _server.Client.SendAsync(request);
    }

    private async Task Expect(HttpStatusCode status, HttpResponseMessage response, string what)
    {
        Assert.True(status == response.StatusCode, $"{what}: expected {(int)status}, got {(int)response.StatusCode}");
        response.AssertSecurityHeaders(what);
        await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task Successful_answers_of_every_surface_carry_them()
    {
        await Expect(HttpStatusCode.OK, await Send(HttpMethod.Get, "/", accept: "text/html"), "home page");
        await Expect(HttpStatusCode.OK, await Send(HttpMethod.Get, "/", accept: "*/*"), "terminal usage");
        await Expect(HttpStatusCode.OK, await Send(HttpMethod.Get, "/healthcheck"), "healthcheck");
        await Expect(HttpStatusCode.OK, await Send(HttpMethod.Get, "/-/assets/app.css"), "asset");
        await Expect(HttpStatusCode.OK, await Send(HttpMethod.Get, "/api/openapi.yaml"), "openapi");
        await Expect(HttpStatusCode.OK, await Send(HttpMethod.Get, "/api/gists/public"), "gist list");
        await Expect(HttpStatusCode.OK, await Send(HttpMethod.Get, "/api/v2/info"), "pasty info");
        await Expect(HttpStatusCode.NoContent, await Send(HttpMethod.Options, "/api/v2/pastes"), "preflight");
        await Expect(HttpStatusCode.Found, await Send(HttpMethod.Get, "/-/settings", accept: "text/html"), "login redirect");
        await Expect(HttpStatusCode.Created, await Send(HttpMethod.Post, "/", new StringContent("hi")), "terminal create");
    }

    [Fact]
    public async Task Not_found_and_method_not_allowed_carry_them()
    {
        await Expect(HttpStatusCode.NotFound, await Send(HttpMethod.Get, "/nope42", accept: "text/html"), "paste page 404");
        await Expect(HttpStatusCode.NotFound, await Send(HttpMethod.Get, "/nope42"), "terminal 404");
        await Expect(HttpStatusCode.NotFound, await Send(HttpMethod.Get, "/nope42/raw"), "raw 404");
        await Expect(HttpStatusCode.NotFound, await Send(HttpMethod.Get, "/api/v2/pastes/nope42"), "pasty 404");
        await Expect(HttpStatusCode.NotFound, await Send(HttpMethod.Get, "/api/gists/nope"), "gist api 404");
        await Expect(HttpStatusCode.NotFound, await Send(HttpMethod.Get, "/api/no/such/thing"), "api unmatched 404");
        await Expect(HttpStatusCode.NotFound, await Send(HttpMethod.Get, "/a/b/c/d/e", accept: "text/html"), "unmatched 404");
        await Expect(HttpStatusCode.NotFound, await Send(HttpMethod.Get, "/-/assets/nothing.js"), "asset 404");
        await Expect(HttpStatusCode.MethodNotAllowed, await Send(HttpMethod.Put, "/healthcheck", new StringContent("x")), "405 healthcheck");
        await Expect(HttpStatusCode.MethodNotAllowed, await Send(HttpMethod.Put, "/-/login"), "405 page");
        await Expect(HttpStatusCode.Unauthorized, await Send(HttpMethod.Get, "/api/user"), "401 api");
    }

    [Fact]
    public async Task Too_large_bodies_declared_or_chunked_carry_them()
    {
        var big = new string('x', Limit + 10);
        await Expect(HttpStatusCode.RequestEntityTooLarge,
            await Send(HttpMethod.Post, "/api/gists", new StringContent(big, Encoding.UTF8, "application/json")), "413 declared api");
        await Expect(HttpStatusCode.RequestEntityTooLarge,
            await Send(HttpMethod.Post, "/api/gists", new ChunkedContent(big, "application/json"), authorization: "Bearer " + _home.UserWithToken("big", "gist:write")),
            "413 chunked api");
        await Expect(HttpStatusCode.RequestEntityTooLarge,
            await Send(HttpMethod.Post, "/-/login", new ChunkedContent("username=a&password=" + new string('p', 3 << 20), "application/x-www-form-urlencoded")),
            "413 chunked form");
        await Expect(HttpStatusCode.RequestEntityTooLarge, await Send(HttpMethod.Post, "/api/v2/nothing", new StringContent(big)), "413 unrouted");
        await Expect(HttpStatusCode.RequestEntityTooLarge, await Send(HttpMethod.Post, "/", new StringContent(new string('x', 2000))), "413 terminal");
    }

    [Fact]
    public async Task Throttled_answers_carry_them()
    {
        for (var i = 0; i < 2; i++) await Send(HttpMethod.Post, "/api/v2/pastes", new StringContent("{\"content\":\"x\"}", Encoding.UTF8, "application/json"));
        await Expect(HttpStatusCode.TooManyRequests,
            await Send(HttpMethod.Post, "/api/v2/pastes", new StringContent("{\"content\":\"x\"}", Encoding.UTF8, "application/json")), "429 pasty");
        await Expect(HttpStatusCode.TooManyRequests, await Send(HttpMethod.Post, "/", new StringContent("x")), "429 terminal");

        HttpResponseMessage last = null!;
        for (var i = 0; i <= PasteLite.Auth.FailedAttempts.Limit; i++)
            last = await Send(HttpMethod.Get, "/api/user", authorization: "Bearer og_wrong" + i);
        await Expect(HttpStatusCode.TooManyRequests, last, "429 token throttle");
    }
}
