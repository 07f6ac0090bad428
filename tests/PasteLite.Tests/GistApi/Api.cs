using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PasteLite.Tests.GistApi;

/// <summary>Assertions and readers for Gist API responses.</summary>
internal static partial class Api
{
    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"{Describe(response)}: body is not JSON ({e.Message}): {Cut(text)}");
        }
    }

    /// <summary>Asserts the status, showing the request and the body when it differs.</summary>
    public static async Task AssertStatus(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode == expected) return;
        var body = await response.Content.ReadAsStringAsync();
        Assert.Fail($"{Describe(response)}: expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}: {Cut(body)}");
    }

    public static Task AssertStatus(HttpResponseMessage response, int expected) => AssertStatus(response, (HttpStatusCode)expected);

    /// <summary>Asserts an Opengist error: the status, and a JSON body `{"message": message, "status": status}`.</summary>
    public static async Task AssertError(HttpResponseMessage response, int status, string message)
    {
        var body = await AssertErrorStatus(response, status);
        Assert.Equal(message, body.GetProperty("message").GetString());
    }

    /// <summary>Asserts an error status with a JSON `{message, status}` body whose message is non-empty; returns the body.</summary>
    public static async Task<JsonElement> AssertErrorStatus(HttpResponseMessage response, int status)
    {
        await AssertStatus(response, status);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await Json(response);
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()), "error message is empty");
        return body;
    }

    /// <summary>A 422 whose message mentions `word` (for validator messages, whose exact wording is the implementation's).</summary>
    public static async Task AssertValidationError(HttpResponseMessage response, string word)
    {
        var body = await AssertErrorStatus(response, 422);
        Assert.Contains(word, body.GetProperty("message").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A response header (or content header), values joined with ", "; null when absent.</summary>
    public static string? Header(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
            return string.Join(", ", values);
        return null;
    }

    /// <summary>The `Link` header as rel -> URL (`<url>; rel="next", <url>; rel="prev"`); empty when absent.</summary>
    public static Dictionary<string, string> Links(HttpResponseMessage response)
    {
        var links = new Dictionary<string, string>();
        var header = Header(response, "Link");
        if (header is null) return links;
        foreach (Match m in LinkPattern().Matches(header)) links[m.Groups["rel"].Value] = m.Groups["url"].Value;
        Assert.True(links.Count > 0, $"unreadable Link header: {header}");
        return links;
    }

    [GeneratedRegex("<(?<url>[^>]*)>\\s*;\\s*rel=\"(?<rel>[^\"]+)\"")]
    private static partial Regex LinkPattern();

    /// <summary>The query parameters of a URL (last value wins).</summary>
    public static Dictionary<string, string> Query(string url)
    {
        var query = new Uri(url).Query.TrimStart('?');
        return query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "");
    }

    /// <summary>The `id` of every gist in a JSON array.</summary>
    public static List<string> Ids(JsonElement array)
    {
        Assert.Equal(JsonValueKind.Array, array.ValueKind);
        return array.EnumerateArray().Select(g => g.GetProperty("id").GetString()!).ToList();
    }

    /// <summary>A create `files` object: {"name": {"content": "..."}}.</summary>
    public static JsonObject Files(IReadOnlyDictionary<string, string> files)
    {
        var node = new JsonObject();
        foreach (var (name, content) in files) node[name] = new JsonObject { ["content"] = content };
        return node;
    }

    public static string Str(this JsonElement e, string property) => e.GetProperty(property).GetString()!;

    public static bool Has(this JsonElement e, string property) => e.TryGetProperty(property, out _);

    /// <summary>An RFC 3339 UTC timestamp (`...Z`) close to now.</summary>
    public static void AssertRecentTimestamp(JsonElement value)
    {
        var text = value.GetString();
        Assert.NotNull(text);
        Assert.EndsWith("Z", text);
        var at = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(at, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    /// <summary>A 32-hex gist id that no gist has.</summary>
    public static string UnknownId() => Guid.NewGuid().ToString("N");

    public static string Rfc3339(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private static string Describe(HttpResponseMessage response) =>
        $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";

    private static string Cut(string text) => text.Length > 600 ? text[..600] + "…" : text;
}
