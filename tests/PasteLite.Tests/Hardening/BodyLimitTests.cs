using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PasteLite.Auth;
using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Hosting;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Hardening;

/// <summary>
/// Body limits per surface, before anything is buffered: a declared length past the limit is refused at once, a
/// chunked body when it passes the limit; 413 in the surface's own format, never a 500.
/// </summary>
public sealed class BodyLimitTests : IAsyncLifetime
{
    private const int Limit = 64 * 1024; // http.max-body-size for these tests
    private readonly TestHome _home = new();
    private InProcessServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await InProcessServer.StartAsync(_home, new Dictionary<string, string>
        {
            [SettingKeys.PastyRateLimit] = "off",
            [SettingKeys.MaxBodySize] = Limit.ToString(),
            [SettingKeys.PastyLengthCap] = "1000",
        });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Dispose();
    }

    private string Token()
    {
        var user = _server.Get<UserStore>().Create("limits", "limits@example.org", "not-a-real-hash", false)!;
        var token = AccessTokens.Generate();
        _server.Get<AccessTokenStore>().Create(user.Id, "t", AccessTokens.Hash(token), new TokenScopes(ScopeLevel.Write, ScopeLevel.Write), 0);
        return token;
    }

    private static string GistJson(int contentBytes) =>
        JsonSerializer.Serialize(new { files = new Dictionary<string, object> { ["a.txt"] = new { content = new string('x', contentBytes) } } });

    /// <summary>A body of unknown length (no Content-Length), so only the stream can stop it.</summary>
    private sealed class UnknownLength(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();
        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private async Task<HttpResponseMessage> PostGist(HttpContent content, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/gists") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
        return await _server.Client.SendAsync(request);
    }

    private static async Task AssertGistError(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("request body too large", error.GetProperty("message").GetString());
        Assert.Equal(413, error.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Gist_api_refuses_a_declared_length_past_the_limit_with_its_json_envelope()
    {
        var token = Token();
        await AssertGistError(await PostGist(new StringContent(GistJson(Limit + 10), Encoding.UTF8, "application/json"), token));
        // Before authentication: no token needed to be refused.
        await AssertGistError(await _server.Client.PostAsync("/api/gists", new StringContent(GistJson(Limit + 10), Encoding.UTF8, "application/json")));
        // Under the limit it is created.
        Assert.Equal(HttpStatusCode.Created, (await PostGist(new StringContent(GistJson(1000), Encoding.UTF8, "application/json"), token)).StatusCode);
    }

    [Fact]
    public async Task Gist_api_cuts_off_a_chunked_body_at_the_limit()
    {
        var token = Token();
        var content = new UnknownLength(Encoding.UTF8.GetBytes(GistJson(Limit + 10)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await AssertGistError(await PostGist(content, token));
    }

    [Fact]
    public async Task Web_forms_take_at_most_two_mebibytes_and_answer_with_a_page()
    {
        var form = new FormUrlEncodedContent([new("username", "x"), new("password", new string('p', (int)Limits.FormBody))]);
        var response = await _server.Client.PostAsync("/-/login", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too large", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_chunked_form_past_the_limit_is_a_413_page_not_a_400()
    {
        var form = new UnknownLength(Encoding.ASCII.GetBytes("username=x&password=" + new string('p', (int)Limits.FormBody)));
        form.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var response = await _server.Client.PostAsync("/-/login", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Too large", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Terminal_and_pasty_keep_their_own_answers()
    {
        var terminal = await _server.Client.PostAsync("/", new ByteArrayContent(new byte[Limit * 2]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, terminal.StatusCode);
        Assert.EndsWith("\n", await terminal.Content.ReadAsStringAsync());

        var pasty = await _server.Client.PostAsync("/api/v2/pastes",
            new StringContent(JsonSerializer.Serialize(new { content = new string('x', 5000) }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, pasty.StatusCode);
        Assert.Equal("too large paste content", await pasty.Content.ReadAsStringAsync());

        var chunked = new UnknownLength(new byte[Limit * 2]);
        var terminalChunked = await _server.Client.PostAsync("/", chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, terminalChunked.StatusCode);
    }

    [Fact]
    public async Task Unrouted_paths_are_bounded_too()
    {
        var response = await _server.Client.PostAsync("/api/v2/nothing-here", new ByteArrayContent(new byte[Limit + 1]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Kestrel_limits_bound_headers_slow_bodies_and_the_default_body()
    {
        var limits = new KestrelServerLimits();
        Limits.Configure(limits, ConfigLoad.Load());
        Assert.Equal(32 * 1024, limits.MaxRequestHeadersTotalSize);
        Assert.Equal(10L << 20, limits.MaxRequestBodySize);
        Assert.NotNull(limits.MinRequestBodyDataRate);
        Assert.True(limits.MinRequestBodyDataRate!.BytesPerSecond > 0);
    }
}
