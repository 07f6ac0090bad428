using System.Net;

namespace PasteLite.Tests.Support;

/// <summary>
/// A browser-like client for in-process page tests: keeps cookies, does not follow redirects, and fills the
/// anti-forgery field from the cookie the pages set.
/// </summary>
public sealed class PageClient(HttpClient http)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public string? Cookie(string name) => _cookies.GetValueOrDefault(name);

    public async Task<HttpResponseMessage> GetAsync(string path, string accept = "text/html")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        return await SendAsync(request);
    }

    /// <summary>Posts a form; the `_csrf` field is added from the cookie unless the caller gives one (or null to omit it).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, bool withCsrf = true)
    {
        if (withCsrf && Cookie("pastelite_csrf") is null) await GetAsync("/-/login");
        var all = fields.ToList();
        if (withCsrf && all.All(f => f.Key != "_csrf")) all.Add(new("_csrf", Cookie("pastelite_csrf")!));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(all) };
        return await SendAsync(request);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, params (string Key, string Value)[] fields) =>
        PostFormAsync(path, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    public async Task<HttpResponseMessage> RegisterAsync(string username, string password = "correct horse battery")
    {
        var response = await PostFormAsync("/-/register", ("username", username), ("password", password), ("email", username + "@example.org"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0];
                var eq = pair.IndexOf('=');
                var (name, value) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
                var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || value.Length == 0;
                if (expired) _cookies.Remove(name); else _cookies[name] = value;
            }
        return response;
    }

    public static async Task<string> BodyAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();
}
