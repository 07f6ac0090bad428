using System.Net;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using PasteLite.Tests.Support;

namespace PasteLite.Tests;

/// <summary>`pastelite backup` makes a consistent, openable copy while writers keep writing.</summary>
public sealed class BackupTests
{
    private sealed class PasteRow
    {
        public string Id { get; set; } = "";
        public byte[] Content { get; set; } = [];
    }

    [Fact]
    public async Task A_backup_taken_under_write_load_opens_and_matches_the_live_data()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home, new Dictionary<string, string> { ["pasty.rate-limit"] = "off" });
        var target = home.WriteFile("backup.db", "");
        File.Delete(target);
        using var stop = new CancellationTokenSource();
        var created = 0;
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var body = new StringContent($$"""{"content":"writer {{w}} paste {{i}}"}""", Encoding.UTF8, "application/json");
                if ((await server.Client.PostAsync("/api/v2/pastes", body)).StatusCode == HttpStatusCode.Created) Interlocked.Increment(ref created);
            }
        })).ToArray();
        while (Volatile.Read(ref created) < 50) await Task.Delay(10);

        var result = CliRunner.Run(home, "backup", target);
        var createdAtBackup = Volatile.Read(ref created);
        await Task.Delay(100);
        stop.Cancel();
        await Task.WhenAll(writers);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("integrity ok", result.Out);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
        using var copy = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False");
        using var live = new SqliteConnection($"Data Source={home.DatabasePath};Mode=ReadOnly;Pooling=False");
        var copied = copy.Query<PasteRow>("SELECT id AS Id, content AS Content FROM pastes").ToList();
        var current = live.Query<PasteRow>("SELECT id AS Id, content AS Content FROM pastes").ToDictionary(p => p.Id, p => p.Content);
        Assert.InRange(copied.Count, 50, createdAtBackup + 4);
        Assert.All(copied, p => Assert.Equal(current[p.Id], p.Content));
        Assert.Equal("ok", copy.ExecuteScalar<string>("PRAGMA integrity_check"));
    }

    [Fact]
    public void An_existing_file_is_kept_unless_forced()
    {
        using var home = new TestHome();
        var target = home.WriteFile("existing.db", "keep me");

        var refused = CliRunner.Run(home, "backup", target);
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("keep me", File.ReadAllText(target));

        var forced = CliRunner.Run(home, "backup", target, "--force");
        Assert.Equal(0, forced.ExitCode);
        using var copy = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False");
        Assert.True(copy.ExecuteScalar<long>("PRAGMA user_version") > 0);
    }
}
