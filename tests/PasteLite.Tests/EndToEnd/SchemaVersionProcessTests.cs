using System.Net;
using System.Security.Cryptography;
using Dapper;
using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd;

/// <summary>dist/pastelite on a database from another version: an older one is migrated at start, a newer one refused untouched.</summary>
public sealed class SchemaVersionProcessTests
{
    [Fact]
    public async Task A_database_from_an_older_schema_is_migrated_at_start_and_keeps_its_data()
    {
        using var home = new TestHome();
        Directory.CreateDirectory(home.Path);
        using (var connection = TestDatabase.OpenRaw(home.DatabasePath))
        {
            connection.Execute(Migrations.Steps[0] + "; PRAGMA user_version = 1;");
            connection.Execute("""
                INSERT INTO users (id, username, username_normalized, created_at) VALUES (1, 'veteran', 'veteran', 1);
                INSERT INTO pastes (id, content, created) VALUES ('oldie1', CAST('from version 1' AS BLOB), 1);
                """);
        }

        await using (var server = await PasteLiteProcess.StartServerAsync(home.Path))
        {
            var cookies = new CookieContainer();
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server.BaseUrl };
            Assert.Equal("from version 1", await http.GetStringAsync("/oldie1/raw"));
            // Step 2's sessions table is there: registering signs in on the migrated database.
            await http.GetAsync("/-/register");
            var registered = await http.PostAsync("/-/register", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = "newcomer", ["password"] = "correct horse battery", ["_csrf"] = cookies.GetCookies(server.BaseUrl)["pastelite_csrf"]!.Value,
            }));
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
            Assert.NotNull(cookies.GetCookies(server.BaseUrl)["pastelite_session"]);
            Assert.Equal(0, await server.TerminateAsync());
        }

        Assert.Equal(Migrations.Latest, TestDatabase.Scalar<long>(home.DatabasePath, "PRAGMA user_version"));
        Assert.Equal(1L, TestDatabase.Scalar<long>(home.DatabasePath, "SELECT count(*) FROM sessions"));
        var users = await PasteLiteProcess.RunAsync(["user", "list", "--home", home.Path]);
        Assert.Equal(0, users.ExitCode);
        Assert.Contains("veteran", users.Out);
        Assert.Contains("newcomer", users.Out);
    }

    [Fact]
    public async Task A_database_from_a_newer_schema_is_refused_with_a_clear_message_and_left_byte_for_byte()
    {
        using var home = new TestHome();
        Directory.CreateDirectory(home.Path);
        var future = Migrations.Latest + 1;
        using (var connection = TestDatabase.OpenRaw(home.DatabasePath))
            connection.Execute($"PRAGMA journal_mode = DELETE; CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('kept'); PRAGMA user_version = {future};");
        var before = SHA256.HashData(File.ReadAllBytes(home.DatabasePath));
        var written = File.GetLastWriteTimeUtc(home.DatabasePath);

        var serve = await PasteLiteProcess.RunAsync(["serve", "--home", home.Path, "--host", "127.0.0.1", "--port", "0"]);
        var cli = await PasteLiteProcess.RunAsync(["user", "list", "--home", home.Path]);

        foreach (var run in new[] { serve, cli })
        {
            Assert.Equal(1, run.ExitCode);
            var message = run.Error.Trim();
            Assert.DoesNotContain("\n", message); // one line, no stack trace
            Assert.Contains($"version {future}", message);
            Assert.Contains($"only up to {Migrations.Latest}", message);
            Assert.Contains("upgrade pastelite", message);
        }
        Assert.DoesNotContain("listening", serve.Out);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(home.DatabasePath)));
        Assert.Equal(written, File.GetLastWriteTimeUtc(home.DatabasePath));
        Assert.False(File.Exists(home.DatabasePath + "-wal"));
    }
}
