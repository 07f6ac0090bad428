using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace PasteLite.Tests.Support;

/// <summary>Reads back what a server holds, over HTTP as clients read it: null when it answers 404, a failure on any other error.</summary>
internal sealed class StateReader(HttpClient http)
{
    /// <summary>The paste's raw bytes, and its metadata "rev" from pasty's API when <paramref name="withRev"/>.</summary>
    public async Task<PasteState?> PasteAsync(string id, bool withRev)
    {
        using var raw = await GetAsync($"/{id}/raw", null);
        if (raw is null) return null;
        var metadata = withRev ? (await JsonAsync($"/api/v2/pastes/{id}", null))?.GetProperty("metadata") : null;
        var rev = metadata is { } m && m.TryGetProperty("rev", out var value) ? value.GetInt32() : (int?)null;
        return new PasteState(await raw.Content.ReadAsByteArrayAsync(), rev);
    }

    /// <summary>The paste's metadata object from pasty's API.</summary>
    public async Task<JsonElement?> PasteMetadataAsync(string id) => (await JsonAsync($"/api/v2/pastes/{id}", null))?.GetProperty("metadata");

    /// <summary>The gist's description and head files, as the Gist API shows them to the token's user (anonymous without one).</summary>
    public async Task<GistState?> GistAsync(string id, string? token = null) => await JsonAsync($"/api/gists/{id}", token) is { } gist
        ? new GistState(gist.GetProperty("description").GetString()!,
            gist.GetProperty("files").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetProperty("content").GetString()!))
        : null;

    public async Task<JsonElement?> JsonAsync(string path, string? token)
    {
        using var response = await GetAsync(path, token);
        return response is null ? null : JsonElement.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The answer when 2xx, null when 404; any other status fails the test.</summary>
    public async Task<HttpResponseMessage?> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        if (response.IsSuccessStatusCode) return response;
        var status = response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        response.Dispose();
        return status == HttpStatusCode.NotFound ? null : throw new Xunit.Sdk.XunitException($"GET {path} answered {(int)status}: {body}");
    }
}
