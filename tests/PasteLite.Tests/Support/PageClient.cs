using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace PasteLite.Tests.Support;

/// <summary>
/// A browser's worth of state over the in-process server or a real one: a cookie jar (session and anti-forgery cookies), no
/// automatic redirects, and forms posted with the `_csrf` field filled from the cookie the pages set.
/// </summary>
public sealed class PageClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly CookieContainer _cookies = new();

    public PageClient(InProcessServer server)
    {
        var test = (TestServer)server.Services.GetRequiredService<IServer>();
        _client = new HttpClient(new CookieContainerHandler(_cookies) { InnerHandler = test.CreateHandler() }) { BaseAddress = test.BaseAddress };
    }

    /// <summary>The same over real HTTP, for dist/pastelite as a process.</summary>
    public PageClient(Uri baseUrl, TimeSpan? timeout = null)
    {
        var handler = new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false };
        _client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(100) };
    }

    public string? Cookie(string name) => _cookies.GetCookies(_client.BaseAddress!)[name]?.Value;

    public async Task<HttpResponseMessage> GetAsync(string path, string accept = "text/html")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        return await SendAsync(request);
    }

    /// <summary>Posts a form; the `_csrf` field is added from the cookie (fetching a page first to get one) unless told not to.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, bool withCsrf = true,
        string? accept = null)
    {
        if (withCsrf && Cookie("pastelite_csrf") is null) await GetAsync("/-/login");
        var all = fields.ToList();
        if (withCsrf && all.All(f => f.Key != "_csrf")) all.Add(new("_csrf", Cookie("pastelite_csrf")!));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(all) };
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
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

    /// <summary>Signs in through the login form (a redirect means it worked).</summary>
    public async Task LoginAsync(string username, string password)
    {
        var response = await PostFormAsync("/-/login", ("username", username), ("password", password));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(Cookie("pastelite_session"));
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _client.SendAsync(request);

    public static async Task<string> BodyAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    public void Dispose() => _client.Dispose();
}
