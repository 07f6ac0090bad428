using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using PasteLite.Auth;
using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.GistApi;

/// <summary>A user with three tokens: everything (gist:write, user:write), gist:read only, and no scope at all.</summary>
internal sealed record Account(UserRow Row, string Full, string GistRead, string NoScope)
{
    public string Name => Row.Username;
    public long Id => Row.Id;

    /// <summary>The token an access-matrix viewer sends: anonymous (none), the owner without or with gist:read, or another user.</summary>
    public static string? ForViewer(string viewer, Account owner, Account other) => viewer switch
    {
        "anonymous" => null,
        "owner-no-scope" => owner.NoScope,
        "owner-gist-read" => owner.GistRead,
        _ => other.Full,
    };
}

/// <summary>
/// One in-process server on its own temp home, driven over HTTP as a client would (black box). Users and tokens
/// are inserted through the stores, as Opengist's harness does, never through the slow password hash.
/// </summary>
internal sealed class ApiFixture : IAsyncDisposable
{
    private ApiFixture(TestHome home, InProcessServer server)
    {
        Home = home;
        Server = server;
    }

    public TestHome Home { get; }
    public InProcessServer Server { get; }
    public HttpClient Client => Server.Client;

    public static async Task<ApiFixture> StartAsync(IReadOnlyDictionary<string, string>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var home = new TestHome();
        try
        {
            return new ApiFixture(home, await InProcessServer.StartAsync(home, settings, configure));
        }
        catch
        {
            home.Dispose();
            throw;
        }
    }

    public static Task<ApiFixture> StartAsync(string key, string value) =>
        StartAsync(new Dictionary<string, string> { [key] = value });

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Home.Dispose();
    }

    // ---- users, tokens, settings -------------------------------------------------------------

    public UserRow User(string name, string? email = null) =>
        Server.Get<UserStore>().Create(name, email ?? $"{name}@example.com", "not-a-real-hash", isAdmin: false)
        ?? throw new InvalidOperationException($"user {name} already exists");

    public string Token(UserRow user, ScopeLevel gist = ScopeLevel.None, ScopeLevel userScope = ScopeLevel.None, long expiresAt = 0)
    {
        var token = AccessTokens.Generate();
        Server.Get<AccessTokenStore>().Create(user.Id, "test", AccessTokens.Hash(token), new TokenScopes(gist, userScope), expiresAt);
        return token;
    }

    public Account Account(string name, string? email = null)
    {
        var user = User(name, email);
        return new Account(user,
            Token(user, ScopeLevel.Write, ScopeLevel.Write),
            Token(user, ScopeLevel.Read),
            Token(user));
    }

    /// <summary>Flips an admin setting (require-login, allow-gists-without-login); Set() clears the in-process cache.</summary>
    public void Setting(string key, bool value) => Server.Get<AdminSettingsStore>().Set(key, value);

    /// <summary>A value read straight from the SQLite file (to check that nothing stored changed).</summary>
    public T Scalar<T>(string sql, object? args = null) => TestDatabase.Scalar<T>(Home.DatabasePath, sql, args);

    public long GistCount() => Scalar<long>("SELECT count(*) FROM gists");

    // ---- requests ----------------------------------------------------------------------------

    /// <summary>
    /// Sends a request to the API. `json` goes as the body with `Content-Type: application/json` (or `contentType`);
    /// a token goes as `Authorization: {scheme} {token}`. Paths are full paths (`/api/gists`) or absolute URLs.
    /// </summary>
    public Task<HttpResponseMessage> Send(HttpMethod method, string path, string? token = null, string? json = null,
        string scheme = "Bearer", string contentType = "application/json", Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null) request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {token}");
        if (json is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        configure?.Invoke(request);
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> Get(string path, string? token = null) => Send(HttpMethod.Get, path, token);
    public Task<HttpResponseMessage> Post(string path, string? token, string? json = null) => Send(HttpMethod.Post, path, token, json);
    public Task<HttpResponseMessage> Patch(string path, string? token, string? json) => Send(HttpMethod.Patch, path, token, json);
    public Task<HttpResponseMessage> Put(string path, string? token) => Send(HttpMethod.Put, path, token);
    public Task<HttpResponseMessage> Delete(string path, string? token) => Send(HttpMethod.Delete, path, token);

    public Task<HttpResponseMessage> Post(string path, string? token, JsonNode json) => Post(path, token, json.ToJsonString());
    public Task<HttpResponseMessage> Patch(string path, string? token, JsonNode json) => Patch(path, token, json.ToJsonString());

    /// <summary>GET that must answer 200; returns the JSON body.</summary>
    public async Task<JsonElement> GetJson(string path, string? token = null)
    {
        var response = await Get(path, token);
        await Api.AssertStatus(response, HttpStatusCode.OK);
        return await Api.Json(response);
    }

    // ---- gists ---------------------------------------------------------------------------------

    /// <summary>A create body: `files` maps filename to content (default `file.txt` = `hello`); nulls are left out.</summary>
    public static JsonObject GistBody(IReadOnlyDictionary<string, string>? files = null, string? title = null,
        string? visibility = null, string? description = null)
    {
        var body = new JsonObject();
        if (title is not null) body["title"] = title;
        if (description is not null) body["description"] = description;
        if (visibility is not null) body["visibility"] = visibility;
        body["files"] = Api.Files(files ?? new Dictionary<string, string> { ["file.txt"] = "hello" });
        return body;
    }

    /// <summary>POST /api/gists, asserting 201; returns the created gist.</summary>
    public async Task<JsonElement> CreateGistJson(string token, JsonObject body)
    {
        var response = await Post("/api/gists", token, body);
        await Api.AssertStatus(response, HttpStatusCode.Created);
        return await Api.Json(response);
    }

    /// <summary>POST /api/gists with title "Test" and `file.txt` = `hello` unless told otherwise; returns the id.</summary>
    public async Task<string> CreateGist(string token, IReadOnlyDictionary<string, string>? files = null,
        string? title = "Test", string? visibility = "public", string? description = null) =>
        (await CreateGistJson(token, GistBody(files, title, visibility, description))).GetProperty("id").GetString()!;

    /// <summary>Three gists of one owner, one per visibility: (public, unlisted, private) ids.</summary>
    public async Task<(string Public, string Unlisted, string Private)> CreateOneOfEach(Account owner) =>
        (await CreateGist(owner.Full, visibility: "public"),
         await CreateGist(owner.Full, visibility: "unlisted"),
         await CreateGist(owner.Full, visibility: "private"));

    /// <summary>PATCH that must answer 200; returns the updated gist.</summary>
    public async Task<JsonElement> PatchGist(string id, string token, string json)
    {
        var response = await Patch($"/api/gists/{id}", token, json);
        await Api.AssertStatus(response, HttpStatusCode.OK);
        return await Api.Json(response);
    }

    /// <summary>Forks as the caller, asserting 201; returns the fork's id.</summary>
    public async Task<string> Fork(string id, string token)
    {
        var response = await Post($"/api/gists/{id}/forks", token);
        await Api.AssertStatus(response, HttpStatusCode.Created);
        return (await Api.Json(response)).GetProperty("id").GetString()!;
    }

    /// <summary>The newest revision's 40-hex version, read as the owner.</summary>
    public async Task<string> HeadVersion(string id, string token) =>
        (await GetJson($"/api/gists/{id}/commits", token))[0].GetProperty("version").GetString()!;
}
