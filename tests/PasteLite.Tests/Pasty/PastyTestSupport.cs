using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PasteLite.Config;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Pasty;

/// <summary>A paste as the create answer gives it.</summary>
public sealed record CreatedPaste(string Id, string? ModificationToken, JsonElement Body);

/// <summary>Shortcuts for talking to pasty's API in tests.</summary>
internal static class PastyTestSupport
{
    /// <summary>The server with the given pasty settings; rate limiting is off unless a test sets it (most tests send many requests).</summary>
    public static Task<InProcessServer> StartPasty(this TestHome home, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string> { [SettingKeys.PastyRateLimit] = "off" };
        foreach (var (key, value) in settings) values[key] = value;
        return InProcessServer.StartAsync(home, values);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<CreatedPaste> CreatePasteAsync(this HttpClient client, string content = "hello", string? metadataJson = null)
    {
        var body = metadataJson is null
            ? JsonSerializer.Serialize(new Dictionary<string, string> { ["content"] = content })
            : $"{{\"content\":{JsonSerializer.Serialize(content)},\"metadata\":{metadataJson}}}";
        var response = await client.PostAsync("/api/v2/pastes", Json(body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.ReadJsonAsync();
        var token = json.TryGetProperty("modificationToken", out var t) ? t.GetString() : null;
        return new CreatedPaste(json.GetProperty("id").GetString()!, token, json);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonElement.Parse(await response.Content.ReadAsStringAsync());
    }

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, string? json = null, string? bearer = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = Json(json);
        if (bearer is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
        return client.SendAsync(request);
    }

    /// <summary>Asserts a plain-text pasty error: status, exact message, text/plain.</summary>
    public static async Task AssertTextAsync(this HttpResponseMessage response, HttpStatusCode status, string message)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(message, await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.NonValidated.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : throw new Xunit.Sdk.XunitException($"no {name} header");

    public static bool HasHeader(this HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.Contains(name) || response.Content.Headers.NonValidated.Contains(name);

    /// <summary>Sets a stored paste's creation time directly in the database (to age it past the lifetime).</summary>
    public static void SetCreated(this TestHome home, string id, long created)
    {
        using var connection = TestDatabase.OpenRaw(home.DatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE pastes SET created = $created WHERE id = $id";
        command.Parameters.AddWithValue("$created", created);
        command.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    public static long PasteCount(this TestHome home) => TestDatabase.Scalar<long>(home.DatabasePath, "SELECT count(*) FROM pastes");

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
