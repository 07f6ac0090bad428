using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PasteLite.Config;
using PasteLite.Tests.Pasty;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Terminal;

/// <summary>A paste as POST / answers it.</summary>
public sealed record TerminalPaste(string Id, string Url, string? Token);

/// <summary>Shortcuts for the terminal surface: raw-body posts as curl sends them, browser requests, stored columns.</summary>
internal static class TerminalTestSupport
{
    /// <summary>Bytes that catch every re-encoding: not UTF-8 (0xFF, 0xFE), NUL, CRLF, and no trailing newline.</summary>
    public static readonly byte[] AwkwardBytes = [0x68, 0x69, 0x0D, 0x0A, 0xFF, 0xFE, 0x00, 0x7B, 0xC3, 0xA9, 0x0D, 0x0A, 0x7A];

    /// <summary>The body as curl --data-binary sends it: application/x-www-form-urlencoded unless told otherwise.</summary>
    public static Task<HttpResponseMessage> PostBytesAsync(this HttpClient client, string path, byte[] body,
        string? contentType = "application/x-www-form-urlencoded", params (string Name, string Value)[] headers)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostTextAsync(this HttpClient client, string path, string text, params (string Name, string Value)[] headers) =>
        client.PostBytesAsync(path, System.Text.Encoding.UTF8.GetBytes(text), headers: headers);

    /// <summary>POST / that must succeed: checks the 201 answer's shape and returns the paste.</summary>
    public static async Task<TerminalPaste> PasteAsync(this HttpClient client, byte[] body, params (string Name, string Value)[] headers)
    {
        var response = await client.PostBytesAsync("/", body, headers: headers);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\n", text);
        var url = text[..^1];
        Assert.Equal(url, response.Headers.Location?.OriginalString);
        var token = response.HasHeader("X-Modification-Token") ? response.Header("X-Modification-Token") : null;
        return new TerminalPaste(url[(url.LastIndexOf('/') + 1)..], url, token);
    }

    public static Task<TerminalPaste> PasteAsync(this HttpClient client, string text, params (string Name, string Value)[] headers) =>
        client.PasteAsync(System.Text.Encoding.UTF8.GetBytes(text), headers);

    /// <summary>A request as a browser sends it (Accept with text/html).</summary>
    public static Task<HttpResponseMessage> BrowseAsync(this HttpClient client, string path, HttpMethod? method = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path) { Content = content };
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> DeleteWithAsync(this HttpClient client, string path, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return client.SendAsync(request);
    }

    /// <summary>Asserts a terminal answer: status, exactly this line plus a newline, text/plain.</summary>
    public static async Task AssertLineAsync(this HttpResponseMessage response, HttpStatusCode status, string line)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(line + "\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    public static long? ExpiresAt(this TestHome home, string id) =>
        TestDatabase.Scalar<long?>(home.DatabasePath, "SELECT expires_at FROM pastes WHERE id = @id", new { id });

    public static long BurnFlag(this TestHome home, string id) =>
        TestDatabase.Scalar<long>(home.DatabasePath, "SELECT burn_after_read FROM pastes WHERE id = @id", new { id });

    public static bool IsStored(this TestHome home, string id) =>
        TestDatabase.Scalar<long>(home.DatabasePath, "SELECT count(*) FROM pastes WHERE id = @id", new { id }) == 1;

    public static void SetExpiresAt(this TestHome home, string id, long expiresAt)
    {
        using var connection = TestDatabase.OpenRaw(home.DatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE pastes SET expires_at = $at WHERE id = $id";
        command.Parameters.AddWithValue("$at", expiresAt);
        command.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    /// <summary>Sends a request on the in-process server as if it came over TCP from <paramref name="peer"/>.</summary>
    public static Task<Microsoft.AspNetCore.Http.HttpContext> SendFromAsync(this InProcessServer server, string peer,
        Action<Microsoft.AspNetCore.Http.HttpContext> configure) =>
        ((TestServer)server.Get<IServer>()).SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            configure(context);
        });

    /// <summary>A user with a personal access token of these scopes, made through the CLI; returns the token.</summary>
    public static string UserWithToken(this TestHome home, string user, string scopes)
    {
        if (CliRunner.Run(home, "user", "list").Out.Contains(user) is false)
            Assert.Equal(0, CliRunner.Run(["user", "create", user, "--password-stdin", "--home", home.Path], "pw\n").ExitCode);
        var created = CliRunner.Run(home, "token", "create", "t" + Guid.NewGuid().ToString("N")[..6], "--user", user, "--scopes", scopes);
        Assert.Equal(0, created.ExitCode);
        return created.Out.Trim();
    }

    /// <summary>The real app on Kestrel at 127.0.0.1 and a free port (for the CLI's HttpClient, which needs a socket).</summary>
    public static async Task<(WebApplication App, string BaseUrl)> StartListeningAsync(this TestHome home, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string>
        {
            [SettingKeys.PastyRateLimit] = "off", [SettingKeys.HttpHost] = "127.0.0.1", [SettingKeys.HttpPort] = "0",
        };
        foreach (var (key, value) in settings) values[key] = value;
        var app = PasteLiteApp.Build(home.Settings(values));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, address);
    }
}
