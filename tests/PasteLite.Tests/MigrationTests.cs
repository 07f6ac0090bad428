using Dapper;
using Microsoft.Data.Sqlite;
using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests;

/// <summary>Schema creation through Database.Initialize: version, tables, pragmas, idempotence and refusal of newer schemas.</summary>
public sealed class MigrationTests : IDisposable
{
    private static readonly string[] ExpectedTables =
    [
        "users", "access_tokens", "admin_settings", "blobs", "gists", "gist_topics",
        "gist_revisions", "gist_revision_files", "likes", "pastes",
    ];

    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    private long UserVersion() => TestDatabase.Scalar<long>(_home.DatabasePath, "PRAGMA user_version");

    private long Count(string table) => TestDatabase.Scalar<long>(_home.DatabasePath, $"SELECT count(*) FROM {table}");

    [Fact]
    public void Empty_database_is_migrated_to_the_latest_version()
    {
        _home.Initialized();

        Assert.Equal(Migrations.Latest, UserVersion());
        var tables = TestDatabase.Query<string>(_home.DatabasePath, "SELECT name FROM sqlite_schema WHERE type = 'table'");
        Assert.All(ExpectedTables, table => Assert.Contains(table, tables));
    }

    [Fact]
    public void Journal_mode_is_wal_and_stays_so_for_new_connections()
    {
        _home.Initialized();

        Assert.Equal("wal", TestDatabase.Scalar<string>(_home.DatabasePath, "PRAGMA journal_mode"));
    }

    [Fact]
    public void Configured_journal_mode_is_applied()
    {
        _home.Initialized("DELETE");

        Assert.Equal("delete", TestDatabase.Scalar<string>(_home.DatabasePath, "PRAGMA journal_mode"));
        Assert.Equal(Migrations.Latest, UserVersion());
    }

    [Fact]
    public void Connections_from_Open_enforce_foreign_keys()
    {
        var db = _home.Initialized();
        using var connection = db.Open();

        Assert.Equal(1L, connection.ExecuteScalar<long>("PRAGMA foreign_keys"));
        var error = Assert.Throws<SqliteException>(() => connection.Execute(
            "INSERT INTO access_tokens (user_id, name, token_hash, created_at) VALUES (424242, 'orphan', 'h', 0)"));
        Assert.Contains("FOREIGN KEY", error.Message);
    }

    [Fact]
    public void Admin_settings_are_seeded_off()
    {
        _home.Initialized();

        var rows = TestDatabase.Query<(string Key, string Value)>(_home.DatabasePath, "SELECT key, value FROM admin_settings ORDER BY key");

        Assert.Equal(AdminSettings.Keys.Order(), rows.Select(r => r.Key));
        Assert.All(rows, r => Assert.Equal("0", r.Value));
    }

    [Fact]
    public void Initialize_twice_keeps_the_version_and_the_data()
    {
        var db = _home.Initialized();
        db.CreateUser("keeper");
        new AdminSettingsStore(db, TimeProvider.System).Set(AdminSettings.RequireLoginKey, true);

        _home.Initialized();

        Assert.Equal(Migrations.Latest, UserVersion());
        Assert.Equal(1, Count("users"));
        Assert.Equal(3, Count("admin_settings"));
        Assert.True(new AdminSettingsStore(db, TimeProvider.System).GetAll()[AdminSettings.RequireLoginKey]);
    }

    [Fact]
    public void A_version_1_database_is_migrated_to_the_latest_and_keeps_its_rows()
    {
        Directory.CreateDirectory(_home.Path);
        using (var connection = TestDatabase.OpenRaw(_home.DatabasePath))
        {
            connection.Execute(Migrations.Steps[0] + "; PRAGMA user_version = 1;");
            connection.Execute("""
                INSERT INTO users (id, username, username_normalized, created_at) VALUES (7, 'Old', 'old', 1);
                INSERT INTO access_tokens (user_id, name, token_hash, created_at) VALUES (7, 'laptop', 'hash-old', 1);
                INSERT INTO pastes (id, content, created) VALUES ('oldone', CAST('kept' AS BLOB), 1);
                INSERT INTO gists (uuid, user_id, created_at, updated_at) VALUES ('g-old', 7, 1, 1);
                """);
        }

        _home.Initialized();

        Assert.Equal(Migrations.Latest, UserVersion());
        Assert.Equal(["Old"], TestDatabase.Query<string>(_home.DatabasePath, "SELECT username FROM users"));
        Assert.Equal(["hash-old"], TestDatabase.Query<string>(_home.DatabasePath, "SELECT token_hash FROM access_tokens"));
        Assert.Equal(["kept"], TestDatabase.Query<string>(_home.DatabasePath, "SELECT CAST(content AS TEXT) FROM pastes"));
        Assert.Equal(1, Count("gists"));
        Assert.Equal(0, Count("sessions")); // step 2's table, now there
        Assert.Equal(1L, TestDatabase.Scalar<long>(_home.DatabasePath, "SELECT count(*) FROM sqlite_schema WHERE name = 'gists_by_user_updated'"));
    }

    [Fact]
    public void Newer_schema_is_refused_and_left_untouched()
    {
        Directory.CreateDirectory(_home.Path);
        var future = Migrations.Latest + 1;
        using (var connection = TestDatabase.OpenRaw(_home.DatabasePath))
            connection.Execute($"CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('kept'); PRAGMA user_version = {future};");

        var error = Assert.Throws<SchemaTooNewException>(() => new Database(_home.DatabasePath).Initialize("WAL"));

        Assert.Contains("upgrade", error.Message);
        Assert.Contains(future.ToString(), error.Message);
        Assert.Equal(future, UserVersion());
        Assert.Equal(["kept"], TestDatabase.Query<string>(_home.DatabasePath, "SELECT x FROM future"));
        Assert.Equal(0L, TestDatabase.Scalar<long>(_home.DatabasePath, "SELECT count(*) FROM sqlite_schema WHERE name = 'users'"));
    }

    // Database.Initialize runs PRAGMA journal_mode=WAL before Migrations.Apply reads user_version, so a
    // database it refuses has already been switched from DELETE to WAL (file header rewritten).
    [Fact]
    public void Newer_schema_keeps_its_journal_mode()
    {
        Directory.CreateDirectory(_home.Path);
        using (var connection = TestDatabase.OpenRaw(_home.DatabasePath))
            connection.Execute($"PRAGMA journal_mode = DELETE; PRAGMA user_version = {Migrations.Latest + 1};");

        Assert.Throws<SchemaTooNewException>(() => new Database(_home.DatabasePath).Initialize("WAL"));

        SqliteConnection.ClearAllPools();
        Assert.Equal("delete", TestDatabase.Scalar<string>(_home.DatabasePath, "PRAGMA journal_mode"));
    }

    [Fact]
    public void Deleting_a_user_removes_their_access_tokens()
    {
        var db = _home.Initialized();
        var doomed = db.CreateUser("doomed");
        var kept = db.CreateUser("kept");
        var tokens = new AccessTokenStore(db, TimeProvider.System);
        tokens.Create(doomed.Id, "one", "hash-1", PasteLite.Auth.TokenScopes.None, 0);
        tokens.Create(doomed.Id, "two", "hash-2", PasteLite.Auth.TokenScopes.None, 0);
        tokens.Create(kept.Id, "three", "hash-3", PasteLite.Auth.TokenScopes.None, 0);

        Assert.True(new UserStore(db, TimeProvider.System).Delete("DOOMED"));

        Assert.Equal(["hash-3"], TestDatabase.Query<string>(_home.DatabasePath, "SELECT token_hash FROM access_tokens"));
        Assert.Equal(1, Count("users"));
    }

    [Fact]
    public void Concurrent_writers_on_one_database_all_succeed()
    {
        var db = _home.Initialized();
        var users = new UserStore(db, TimeProvider.System);

        RunConcurrently(threads: 8, perThread: 50, (thread, i) => users.Create($"t{thread}-u{i}", "", "hash", false));

        Assert.Equal(400, Count("users"));
    }

    [Fact]
    public void Concurrent_writers_through_separate_database_objects_all_succeed()
    {
        // Separate Database objects share no write gate, like the server and a CLI command in two processes.
        _home.Initialized();

        RunConcurrently(threads: 4, perThread: 25, (thread, i) =>
            new UserStore(new Database(_home.DatabasePath), TimeProvider.System).Create($"p{thread}-u{i}", "", "hash", false));

        Assert.Equal(100, Count("users"));
    }

    // Initialize checks File.Exists and then creates the file with FileMode.CreateNew: when two starts race
    // on a fresh home (serve and a CLI command), the loser gets IOException "The file ... already exists".
    [Fact]
    public void Concurrent_first_initializations_of_a_fresh_file_all_succeed()
    {
        for (var round = 0; round < 10; round++)
        {
            var path = Path.Join(_home.Path, $"race-{round}.db");
            Directory.CreateDirectory(_home.Path);

            RunConcurrently(threads: 6, perThread: 1, (_, _) =>
            {
                new Database(path).Initialize("WAL");
                return new UserRow(0, "", "", "", 0, 0);
            });

            Assert.Equal(Migrations.Latest, TestDatabase.Scalar<long>(path, "PRAGMA user_version"));
        }
    }

    /// <summary>Starts all threads together; every write must return a row and none may throw.</summary>
    private static void RunConcurrently(int threads, int perThread, Func<int, int, UserRow?> write)
    {
        using var start = new Barrier(threads);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var missing = 0;
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                for (var i = 0; i < perThread; i++)
                    if (write(t, i) is null) Interlocked.Increment(ref missing);
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.Empty(failures);
        Assert.Equal(0, missing);
    }
}
