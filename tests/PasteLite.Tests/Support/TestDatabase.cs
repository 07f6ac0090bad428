using Dapper;
using Microsoft.Data.Sqlite;
using PasteLite.Data;

namespace PasteLite.Tests.Support;

/// <summary>Direct access to a home's SQLite file: the server's own Database, and raw connections for checking rows.</summary>
internal static class TestDatabase
{
    /// <summary>Creates the home folder and a migrated database in it, as start-up does.</summary>
    public static Database Initialized(this TestHome home, string journalMode = "WAL")
    {
        Directory.CreateDirectory(home.Path);
        var db = new Database(home.DatabasePath);
        db.Initialize(journalMode);
        return db;
    }

    /// <summary>A user inserted directly (no password hashing, which is slow); the hash is any string.</summary>
    public static UserRow CreateUser(this Database db, string name, bool admin = false) =>
        new UserStore(db, TimeProvider.System).Create(name, $"{name}@example.org", "not-a-real-hash", admin)
        ?? throw new InvalidOperationException($"user {name} already exists");

    /// <summary>An unpooled connection of our own, so checks never share state with the code under test.</summary>
    public static SqliteConnection OpenRaw(string path, bool readOnly = false)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public static T Scalar<T>(string path, string sql, object? args = null)
    {
        using var connection = OpenRaw(path, readOnly: true);
        return connection.ExecuteScalar<T>(sql, args)!;
    }

    public static List<T> Query<T>(string path, string sql, object? args = null)
    {
        using var connection = OpenRaw(path, readOnly: true);
        return connection.Query<T>(sql, args).AsList();
    }
}
