using PasteLite.Tests.Support;

namespace PasteLite.Tests.Deploy;

/// <summary>deploy/pastelite.service read as systemd reads the parts the tests need: Environment=, ExecStart=, StateDirectory=.</summary>
internal sealed record SystemdUnit(IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> ExecStart, string StateDirectory)
{
    public static readonly string FilePath = Repository.File("deploy/pastelite.service");

    public static SystemdUnit Read()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] exec = [];
        var state = "";
        foreach (var raw in File.ReadAllLines(FilePath))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || !line.Contains('=')) continue;
            var (key, value) = (line[..line.IndexOf('=')], line[(line.IndexOf('=') + 1)..]);
            switch (key)
            {
                case "Environment":
                    var split = value.IndexOf('=');
                    environment[value[..split]] = value[(split + 1)..];
                    break;
                case "ExecStart":
                    exec = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    break;
                case "StateDirectory":
                    state = "/var/lib/" + value;
                    break;
            }
        }
        return new SystemdUnit(environment, exec, state);
    }
}
