using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PasteLite.Data;

/// <summary>
/// Prepared <see cref="SqliteCommand"/>s kept per physical connection for the hottest lookups, so their SQL is
/// parsed once per connection instead of on every call (Dapper makes a new command, and SQLite prepares the
/// statement again, each time). Only on a connection rented from <see cref="Database"/>: a rented connection serves
/// one caller at a time, so its commands are never shared. Inside a transaction object, set the command's Transaction
/// (a read snapshot's plain BEGIN has none, and needs none).
/// </summary>
/// <remarks>
/// The cache hangs off the connection (a <see cref="ConditionalWeakTable{TKey,TValue}"/>), so it goes when the
/// pool closes the connection. bench/run numbers in the commit that added it.
/// </remarks>
internal sealed class PreparedCommands
{
    private static readonly ConditionalWeakTable<SqliteConnection, PreparedCommands> ByConnection = new();

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, sqlite3_stmt> _raw = new(StringComparer.Ordinal);

    private PreparedCommands(SqliteConnection connection) => _connection = connection;

    /// <summary>
    /// The command for <paramref name="sql"/> on this connection, with <paramref name="parameterNames"/> as its
    /// parameters in that order (set each value through <c>Parameters[i].Value</c> before executing).
    /// </summary>
    public static SqliteCommand Get(SqliteConnection connection, string sql, params ReadOnlySpan<string> parameterNames)
    {
        var cache = ByConnection.GetValue(connection, static c => new PreparedCommands(c));
        if (cache._commands.TryGetValue(sql, out var command)) return command;
        command = cache._connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        cache._commands[sql] = command;
        return command;
    }

    /// <summary>
    /// A raw SQLite statement for <paramref name="sql"/> (parameters bound by number, 1 for the first to appear),
    /// prepared once per connection: bind, step and read it through SQLitePCL's raw API, then reset it. For the
    /// hottest read only, where SqliteCommand's reader cost more than the query: paste reads 0.74x -> 0.80x of the
    /// ceiling (bench/RESULTS.md). The connection's owner calls <see cref="FinalizeRaw"/> before closing it.
    /// </summary>
    public static sqlite3_stmt Raw(SqliteConnection connection, string sql)
    {
        var cache = ByConnection.GetValue(connection, static c => new PreparedCommands(c));
        if (cache._raw.TryGetValue(sql, out var statement)) return statement;
        var rc = raw.sqlite3_prepare_v3(connection.Handle, sql, PreparePersistent, out statement, out _);
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        cache._raw[sql] = statement;
        return statement;
    }

    private const uint PreparePersistent = 1; // SQLITE_PREPARE_PERSISTENT: kept for the connection's life

    /// <summary>Finalizes the connection's raw statements: before it closes, which SQLite otherwise defers until they are.</summary>
    public static void FinalizeRaw(SqliteConnection connection)
    {
        if (!ByConnection.TryGetValue(connection, out var cache)) return;
        foreach (var statement in cache._raw.Values) statement.Dispose();
        cache._raw.Clear();
    }

    /// <summary>The prepared command for <paramref name="sql"/> with these parameter values bound (null binds NULL).</summary>
    public static SqliteCommand Bind(SqliteConnection connection, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var cache = ByConnection.GetValue(connection, static c => new PreparedCommands(c));
        if (!cache._commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
            command.Prepare();
            cache._commands[sql] = command;
        }
        for (var i = 0; i < parameters.Length; i++) command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        return command;
    }

    /// <summary>Dapper's QuerySingleOrDefault on a prepared command: the first row mapped to <typeparamref name="T"/>, or default.</summary>
    public static T? FirstOrDefault<T>(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetRowParser<T>()(reader) : default;
    }

    /// <summary>The first row read by <paramref name="read"/>, or default: for hot rows, where Dapper's mapping (a boxed value per column) shows.</summary>
    public static T? FirstOrDefault<T>(SqliteCommand command, Func<SqliteDataReader, T> read)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? read(reader) : default;
    }

    /// <summary>Every row, read by <paramref name="read"/>.</summary>
    public static List<T> All<T>(SqliteCommand command, Func<SqliteDataReader, T> read)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    /// <summary>Dapper's Query on a prepared command: every row mapped to <typeparamref name="T"/>.</summary>
    public static List<T> All<T>(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        if (!reader.Read()) return rows;
        var parse = reader.GetRowParser<T>();
        do rows.Add(parse(reader)); while (reader.Read());
        return rows;
    }
}
