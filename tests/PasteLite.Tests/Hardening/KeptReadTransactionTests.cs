using Dapper;
using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Hardening;

/// <summary>
/// Pooled connections keep their read transaction open between reads while nothing is committed
/// (Data/PooledConnection.cs). A read must still see every commit made before it began, by this process or another.
/// </summary>
public sealed class KeptReadTransactionTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void A_read_sees_what_another_process_committed_just_before_it()
    {
        var db = _home.Initialized();
        var users = new UserStore(db, TimeProvider.System);
        using var other = TestDatabase.OpenRaw(db.Path); // as the CLI would, beside the server

        for (var i = 0; i < 200; i++)
        {
            var name = $"user{i}";
            Assert.Null(users.FindByName(name));
            other.Execute("INSERT INTO users (username, username_normalized, created_at) VALUES (@name, @name, 0)", new { name });
            Assert.NotNull(users.FindByName(name));
            if (i % 50 == 49) other.Execute("PRAGMA wal_checkpoint(TRUNCATE)"); // the WAL starts over: new salts
        }
    }

    [Fact]
    public async Task Concurrent_readers_on_several_connections_all_see_a_commit_made_elsewhere()
    {
        var db = _home.Initialized();
        var users = new UserStore(db, TimeProvider.System);
        using var other = TestDatabase.OpenRaw(db.Path);
        for (var round = 0; round < 20; round++)
        {
            var name = $"round{round}";
            // Eight at once, so several pooled connections hold a read transaction from before the insert.
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Assert.Null(users.FindByName(name)))));
            other.Execute("INSERT INTO users (username, username_normalized, created_at) VALUES (@name, @name, 0)", new { name });
            var seen = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => users.FindByName(name) is not null)));
            Assert.All(seen, Assert.True);
        }
    }

    [Fact]
    public void An_idle_connection_keeps_its_read_transaction_until_the_database_changes()
    {
        var db = _home.Initialized();
        var users = new UserStore(db, TimeProvider.System);
        db.CreateUser("alice");
        Assert.Equal(1, users.Count()); // the pooled connection is now idle, its read transaction open
        using var other = TestDatabase.OpenRaw(db.Path);
        other.Execute("PRAGMA busy_timeout=0");
        other.Execute("INSERT INTO users (username, username_normalized, created_at) VALUES ('bob', 'bob', 0)");

        // A TRUNCATE checkpoint must wait for every reader of the WAL: the kept transaction is one (busy = 1).
        Assert.Equal(1, other.QuerySingle<int>("PRAGMA wal_checkpoint(TRUNCATE)"));
        Assert.Equal(2, users.Count()); // the next read sees the change and starts over
        db.Close(); // closes the pool's connections: then nothing holds the WAL
        Assert.Equal(0, other.QuerySingle<int>("PRAGMA wal_checkpoint(TRUNCATE)"));
    }

    [Fact]
    public void Without_wal_reads_keep_no_transaction_open()
    {
        var db = _home.Initialized(journalMode: "DELETE");
        var users = new UserStore(db, TimeProvider.System);
        db.CreateUser("alice");
        Assert.Equal(1, users.Count());
        // A rollback-journal reader left open would hold its SHARED lock and stop every other writer.
        using var other = TestDatabase.OpenRaw(db.Path);
        other.Execute("PRAGMA busy_timeout=0");
        other.Execute("INSERT INTO users (username, username_normalized, created_at) VALUES ('bob', 'bob', 0)");
        Assert.Equal(2, db.Snapshot(() => users.Count()));
        db.CreateUser("carol");
        Assert.Equal(3, users.Count());
    }
}
