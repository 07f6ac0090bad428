using System.Net;
using System.Text.RegularExpressions;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Web;

/// <summary>The answer to a page request: status, body, and where a redirect points.</summary>
internal sealed record Page(HttpStatusCode Status, string Html, string? Location, HttpResponseMessage Response);

/// <summary>
/// A browser's worth of state over the in-process server: a cookie jar (session and anti-forgery cookies), no
/// automatic redirects, and forms posted with the `_csrf` field the pages carry.
/// </summary>
internal sealed partial class Browser(InProcessServer server) : IDisposable
{
    private readonly PageClient _client = new(server);

    public string? Cookie(string name) => _client.Cookie(name);

    public async Task<Page> GetAsync(string path) => await ToPage(await _client.GetAsync(path));

    /// <summary>Posts a form with the anti-forgery field from the cookie (fetching a page first to get one), unless told not to.</summary>
    public async Task<Page> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, bool withCsrf = true) =>
        await ToPage(await _client.PostFormAsync(path, fields, withCsrf));

    public Task<Page> PostAsync(string path, params (string Key, string Value)[] fields) =>
        PostAsync(path, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    /// <summary>Registers (and so signs in) through the page, as a person would: the form's hidden field and the cookie must agree.</summary>
    public async Task RegisterAsync(string username, string password = "correct horse battery")
    {
        var form = await GetAsync("/-/register");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var field = CsrfField().Match(form.Html);
        Assert.True(field.Success, "the register form has no _csrf field");
        Assert.Equal(Cookie("pastelite_csrf"), field.Groups[1].Value);
        var done = await PostAsync("/-/register", ("username", username), ("password", password));
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.NotNull(Cookie("pastelite_session"));
    }

    private static async Task<Page> ToPage(HttpResponseMessage response) =>
        new(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString, response);

    [GeneratedRegex("name=\"_csrf\" value=\"([0-9a-f]+)\"")]
    private static partial Regex CsrfField();

    public void Dispose() => _client.Dispose();
}
