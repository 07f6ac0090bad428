using System.Net;
using System.Text.Json;
using PasteLite.Tests.Support;

namespace PasteLite.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthcheck_answers_ok_with_the_version()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);

        var response = await server.Client.GetAsync("/healthcheck");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("database").GetString());
        Assert.Equal(AppInfo.Version, body.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Healthcheck_answers_head_without_a_body()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);

        var response = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/healthcheck"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Healthcheck_is_503_when_the_database_cannot_be_read()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);

        // Overwrite the file in place and drop pooled handles: the next connection finds no database.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.WriteAllBytes(home.DatabasePath, new byte[8192]);
        File.Delete(home.DatabasePath + "-wal");
        File.Delete(home.DatabasePath + "-shm");
        File.WriteAllText(home.DatabasePath, new string('x', 8192));

        var response = await server.Client.GetAsync("/healthcheck");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unavailable", body.RootElement.GetProperty("database").GetString());
    }
}
