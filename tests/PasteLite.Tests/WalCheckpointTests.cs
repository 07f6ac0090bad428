using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests;

/// <summary>The server's commits leave the WAL alone; the background checkpointer folds it into the file.</summary>
public sealed class WalCheckpointTests
{
    [Fact]
    public void Without_automatic_checkpoints_commits_stay_in_the_wal_until_the_checkpointer_runs()
    {
        using var home = new TestHome();
        var db = home.Initialized();
        db.AutomaticCheckpoints = false;
        var fileBefore = new FileInfo(home.DatabasePath).Length;

        WriteMoreThanAnAutomaticCheckpointsWorth(db);
        // SQLite's own checkpoint would have run inside one of these commits (past 1,000 WAL pages) and grown the file.
        Assert.Equal(fileBefore, new FileInfo(home.DatabasePath).Length);

        new WalCheckpointer(db, TimeProvider.System, NullLogger<WalCheckpointer>.Instance).Checkpoint();
        Assert.True(new FileInfo(home.DatabasePath).Length > fileBefore + 4_000_000, "the checkpoint copied the pages into the file");
        Assert.Equal(600, TestDatabase.Scalar<long>(home.DatabasePath, "SELECT count(*) FROM pastes"));
    }

    [Fact]
    public void With_automatic_checkpoints_a_commit_folds_the_wal_itself()
    {
        using var home = new TestHome();
        var db = home.Initialized();
        var fileBefore = new FileInfo(home.DatabasePath).Length;

        WriteMoreThanAnAutomaticCheckpointsWorth(db);
        Assert.True(new FileInfo(home.DatabasePath).Length > fileBefore, "SQLite's automatic checkpoint ran in a commit");
    }

    private static void WriteMoreThanAnAutomaticCheckpointsWorth(Database db)
    {
        var content = new byte[8 * 1024]; // two overflow pages each: 600 pastes are ~1,800 WAL pages
        for (var i = 0; i < 600; i++)
            db.Write((c, t) => c.Execute("INSERT INTO pastes (id, content, created, metadata) VALUES (@id, @content, 0, '{}')",
                new { id = $"wal{i}", content }, t));
    }
}
