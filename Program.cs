// pastelite: a pastebin and gist server in one file, SQLite inside.
// Cli/PasteLiteCli.cs lists the commands; PasteLiteApp.cs assembles the server that `serve` runs.
using PasteLite.Cli;
using PasteLite.Hosting;

Gen0Budget.Apply(args); // before anything else: may re-execute the process with a runtime setting
return await PasteLiteCli.RunAsync(args, CliConsole.FromProcess());
