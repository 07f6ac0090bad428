// pastelite: a pastebin and gist server in one file, SQLite inside.
// Cli/PasteLiteCli.cs lists the commands; PasteLiteApp.cs assembles the server that `serve` runs.
using PasteLite.Cli;

return await PasteLiteCli.RunAsync(args, CliConsole.FromProcess());
