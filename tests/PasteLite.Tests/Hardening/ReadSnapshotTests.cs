using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Hardening;

/// <summary>Database.Snapshot: every read inside it sees one moment of the file, whatever commits meanwhile.</summary>
public sealed class ReadSnapshotTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Reads_inside_a_snapshot_do_not_see_a_delete_committed_between_them()
    {
        var db = _home.Initialized();
        var users = new UserStore(db, TimeProvider.System);
        var alice = db.CreateUser("alice");

        var (before, after) = db.Snapshot(() =>
        {
            var first = users.FindById(alice.Id);
            Assert.True(users.Delete("alice")); // commits on another connection, through the write gate
            return (first, users.FindById(alice.Id));
        });

        Assert.NotNull(before);
        Assert.Equal(before, after);
        Assert.Null(users.FindById(alice.Id)); // outside the snapshot the delete shows
    }

    [Fact]
    public void A_nested_snapshot_joins_the_outer_one_and_the_connection_returns_to_the_pool_usable()
    {
        var db = _home.Initialized();
        var users = new UserStore(db, TimeProvider.System);
        var bob = db.CreateUser("bob");

        var seen = db.Snapshot(() =>
        {
            users.FindById(bob.Id);
            users.Delete("bob");
            return db.Snapshot(() => users.FindById(bob.Id));
        });
        Assert.NotNull(seen);

        // The snapshot's transaction ended: a failure inside one leaves no transaction open either.
        Assert.Throws<InvalidOperationException>(() => db.Snapshot<int>(() => throw new InvalidOperationException("boom")));
        for (var i = 0; i < 3; i++) Assert.Null(users.FindById(bob.Id));
        db.CreateUser("carol");
        Assert.Equal(1, users.Count());
    }
}
