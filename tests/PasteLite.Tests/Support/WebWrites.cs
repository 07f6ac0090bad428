using System.Net;
using System.Text.Json;

namespace PasteLite.Tests.Support;

/// <summary>
/// Writes through the web UI's forms as a signed-in browser posts them (session cookie and anti-forgery field from
/// <see cref="PageClient"/>). Like <see cref="ApiWrites"/>: what was acknowledged, or null/false; network errors propagate.
/// </summary>
internal sealed class WebWrites(PageClient web, StatusLog log)
{
    /// <summary>The home page's form, as paste.js posts it (Accept: application/json): id and modification token.</summary>
    public async Task<PasteHandle?> PasteCreateAsync(string content)
    {
        using var response = await log.SendAsync("web paste create",
            () => web.PostFormAsync("/-/pastes", [new("content", content)], accept: "application/json"));
        if (response.StatusCode != HttpStatusCode.OK) return null; // JSON for paste.js is a 200 (the page without script a 201)
        var body = JsonElement.Parse(await response.Content.ReadAsStringAsync());
        return new PasteHandle(body.GetProperty("id").GetString()!, body.GetProperty("modificationToken").GetString()!);
    }

    /// <summary>/-/new: a public gist; returns its id (the redirect's last segment).</summary>
    public async Task<string?> GistCreateAsync(string description, IReadOnlyDictionary<string, string> files)
    {
        var fields = new List<KeyValuePair<string, string>> { new("description", description), new("visibility", "public"), new("expire", "never") };
        foreach (var (file, i) in files.Select((f, i) => (f, i)))
            fields.AddRange([new($"name-{i}", file.Key), new($"content-{i}", file.Value)]);
        return LastSegment(await PostAsync("web gist create", "/-/new", fields));
    }

    /// <summary>The edit form: the description and the named files (stored ones replaced, new ones added; the others kept).</summary>
    public async Task<bool> GistEditAsync(string owner, string id, string description, IReadOnlyCollection<string> stored,
        IReadOnlyDictionary<string, string> files)
    {
        var fields = new List<KeyValuePair<string, string>> { new("description", description), new("visibility", "public") };
        foreach (var (file, i) in files.Select((f, i) => (f, i)))
        {
            if (stored.Contains(file.Key)) fields.Add(new($"original-{i}", file.Key));
            fields.AddRange([new($"name-{i}", file.Key), new($"content-{i}", file.Value)]);
        }
        return await PostAsync("web gist edit", $"/{owner}/{id}/edit", fields) is not null;
    }

    /// <summary>The fork button: the fork's id (new, or the one this user made before).</summary>
    public async Task<string?> ForkAsync(string owner, string id) => LastSegment(await PostAsync("web fork", $"/{owner}/{id}/fork", []));

    /// <summary>The like button (idempotent: like=1 likes, like=0 unlikes).</summary>
    public async Task<bool> LikeAsync(string owner, string id, bool like = true) =>
        await PostAsync("web like", $"/{owner}/{id}/like", [new("like", like ? "1" : "0")]) is not null;

    public async Task<bool> DeleteAsync(string owner, string id) => await PostAsync("web gist delete", $"/{owner}/{id}/delete", []) is not null;

    /// <summary>Posts a form; the redirect's target when it answered 302 (the forms' success), else null.</summary>
    private async Task<string?> PostAsync(string operation, string path, List<KeyValuePair<string, string>> fields)
    {
        using var response = await log.SendAsync(operation, () => web.PostFormAsync(path, fields));
        var location = response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location!.OriginalString : null;
        return location is null || location.StartsWith("/-/login", StringComparison.Ordinal) ? null : location; // signed out is no success
    }

    private static string? LastSegment(string? location) => location?[(location.LastIndexOf('/') + 1)..];
}
