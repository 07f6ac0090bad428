using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace PasteLite.Tests.Support;

/// <summary>A paste as its creator knows it: the id and the modification token from the create answer.</summary>
internal sealed record PasteHandle(string Id, string Token);

/// <summary>
/// Writes through the HTTP surfaces as their clients send them: pasty's API v2, the terminal's `POST /`, hastebin and
/// the Gist API. Each returns what the server acknowledged (null or false when it answered otherwise); network errors
/// propagate, since a request the server never answered is neither a success nor a refusal.
/// </summary>
internal sealed class ApiWrites(HttpClient http, StatusLog log)
{
    public async Task<PasteHandle?> PastyCreateAsync(string content, int rev)
    {
        using var response = await SendAsync("pasty create", HttpMethod.Post, "/api/v2/pastes", null, Json(new { content, metadata = new { rev } }));
        if (response.StatusCode != HttpStatusCode.Created) return null;
        var body = await JsonAsync(response);
        return new PasteHandle(body.GetProperty("id").GetString()!, body.GetProperty("modificationToken").GetString()!);
    }

    /// <summary>PATCH: new content and metadata `{key: rev}` (merged into the paste's other keys).</summary>
    public async Task<bool> PastyUpdateAsync(PasteHandle paste, string content, int rev, string key = "rev")
    {
        var metadata = new Dictionary<string, int> { [key] = rev };
        using var response = await SendAsync("pasty update", HttpMethod.Patch, $"/api/v2/pastes/{paste.Id}", paste.Token, Json(new { content, metadata }));
        return response.StatusCode == HttpStatusCode.OK;
    }

    public async Task<bool> PastyDeleteAsync(PasteHandle paste)
    {
        using var response = await SendAsync("pasty delete", HttpMethod.Delete, $"/api/v2/pastes/{paste.Id}", paste.Token);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>curl --data-binary: the body stored byte for byte; the answer is the URL, the token in a header.</summary>
    public async Task<PasteHandle?> TerminalCreateAsync(byte[] content)
    {
        using var response = await SendAsync("terminal create", HttpMethod.Post, "/", null, new ByteArrayContent(content));
        if (response.StatusCode != HttpStatusCode.Created) return null;
        var url = (await response.Content.ReadAsStringAsync()).TrimEnd('\n');
        return new PasteHandle(url[(url.LastIndexOf('/') + 1)..], response.Headers.GetValues("X-Modification-Token").Single());
    }

    public async Task<bool> TerminalDeleteAsync(PasteHandle paste)
    {
        using var response = await SendAsync("terminal delete", HttpMethod.Delete, $"/{paste.Id}", paste.Token);
        return response.StatusCode == HttpStatusCode.OK;
    }

    public async Task<PasteHandle?> HastebinCreateAsync(byte[] content)
    {
        using var response = await SendAsync("hastebin create", HttpMethod.Post, "/documents", null, new ByteArrayContent(content));
        if (response.StatusCode != HttpStatusCode.OK) return null;
        var key = (await JsonAsync(response)).GetProperty("key").GetString()!;
        return new PasteHandle(key, response.Headers.GetValues("X-Modification-Token").Single());
    }

    /// <summary>POST /api/gists (public); returns the new gist's id.</summary>
    public async Task<string?> GistCreateAsync(string token, string description, IReadOnlyDictionary<string, string> files)
    {
        var body = new { description, @public = true, files = files.ToDictionary(f => f.Key, f => new { content = f.Value }) };
        using var response = await SendAsync("gist create", HttpMethod.Post, "/api/gists", token, Json(body));
        return response.StatusCode == HttpStatusCode.Created ? (await JsonAsync(response)).GetProperty("id").GetString() : null;
    }

    /// <summary>PATCH /api/gists/{id}: the description and the named files (set or added; the others are kept).</summary>
    public async Task<bool> GistUpdateAsync(string token, string id, string description, IReadOnlyDictionary<string, string> files)
    {
        var body = new { description, files = files.ToDictionary(f => f.Key, f => new { content = f.Value }) };
        using var response = await SendAsync("gist update", HttpMethod.Patch, $"/api/gists/{id}", token, Json(body));
        return response.StatusCode == HttpStatusCode.OK;
    }

    public async Task<bool> GistDeleteAsync(string token, string id)
    {
        using var response = await SendAsync("gist delete", HttpMethod.Delete, $"/api/gists/{id}", token);
        return response.StatusCode == HttpStatusCode.NoContent;
    }

    /// <summary>POST /forks: the fork's id, new (201) or the caller's existing one (200).</summary>
    public async Task<string?> GistForkAsync(string token, string id)
    {
        using var response = await SendAsync("gist fork", HttpMethod.Post, $"/api/gists/{id}/forks", token);
        return response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK ? (await JsonAsync(response)).GetProperty("id").GetString() : null;
    }

    /// <summary>PUT /star: GitHub's idempotent like.</summary>
    public async Task<bool> GistStarAsync(string token, string id)
    {
        using var response = await SendAsync("gist star", HttpMethod.Put, $"/api/gists/{id}/star", token);
        return response.StatusCode == HttpStatusCode.NoContent;
    }

    /// <summary>PUT /like: Opengist's toggle.</summary>
    public async Task<bool> GistToggleLikeAsync(string token, string id)
    {
        using var response = await SendAsync("gist like toggle", HttpMethod.Put, $"/api/gists/{id}/like", token);
        return response.StatusCode == HttpStatusCode.NoContent;
    }

    /// <summary>A read racing the writes (as a browser or client sends it): only its status is recorded.</summary>
    public async Task ReadAsync(string operation, string path, string accept = "*/*")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        using var response = await log.SendAsync(operation, () => http.SendAsync(request));
    }

    private async Task<HttpResponseMessage> SendAsync(string operation, HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await log.SendAsync(operation, () => http.SendAsync(request));
    }

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonElement.Parse(await response.Content.ReadAsStringAsync());
}
