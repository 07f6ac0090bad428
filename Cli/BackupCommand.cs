using System.CommandLine;
using Dapper;
using Microsoft.Data.Sqlite;

namespace PasteLite.Cli;

/// <summary>`pastelite backup FILE`: a consistent copy of the live database (SQLite's VACUUM INTO), safe while the server runs.</summary>
internal static class BackupCommand
{
    public static Command Create(GlobalOptions global)
    {
        var file = new Argument<string>("FILE") { Description = "Where to write the copy (must not exist unless --force)" };
        var force = new Option<bool>("--force") { Description = "Replace FILE if it exists" };
        var command = new Command("backup", "Write a consistent copy of the database, also while the server runs") { file, force };
        command.SetAction(parse =>
        {
            var target = Path.GetFullPath(parse.GetRequiredValue(file));
            if (File.Exists(target))
            {
                if (!parse.GetValue(force)) throw new CliError($"{target} exists; pass --force to replace it");
                File.Delete(target);
            }
            if (!Directory.Exists(Path.GetDirectoryName(target))) throw new CliError($"no directory for {target}");

            var db = global.OpenDatabase(parse);
            // VACUUM INTO reads one snapshot: writers keep going and the copy is consistent and compact. On a
            // connection of its own: it cannot run inside the read transaction a pooled connection may keep open.
            using (var connection = db.Open()) connection.Execute("VACUUM INTO @target", new { target });
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            copy.Open();
            var check = copy.ExecuteScalar<string>("PRAGMA integrity_check");
            if (check != "ok") throw new CliError($"the copy at {target} failed its integrity check: {check}");
            global.Console.Out.WriteLine($"backed up {new FileInfo(target).Length} bytes to {target} (integrity ok)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
