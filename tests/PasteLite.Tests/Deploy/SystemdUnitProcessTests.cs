using System.Net;
using PasteLite.Tests.EndToEnd;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Deploy;

/// <summary>
/// dist/pastelite in the environment deploy/pastelite.service gives it, with the state directory moved to a temporary
/// folder and HOME unwritable, as for a system user: the single file unpacks its native library where the unit says.
/// </summary>
public sealed class SystemdUnitProcessTests
{
    [Fact]
    public async Task The_units_environment_runs_the_binary_with_an_unwritable_home()
    {
        var unit = SystemdUnit.Read();
        Assert.Equal(["/usr/local/bin/pastelite", "serve"], unit.ExecStart);
        Assert.Equal("/var/lib/pastelite", unit.StateDirectory);
        Assert.Equal(unit.StateDirectory, unit.Environment["OG_OPENGIST_HOME"]);
        Assert.StartsWith(unit.StateDirectory + "/", unit.Environment["DOTNET_BUNDLE_EXTRACT_BASE_DIR"]);

        using var state = new TestHome();
        var env = unit.Environment.ToDictionary(e => e.Key, e => e.Value.Replace(unit.StateDirectory, state.Path));
        env["HOME"] = "/nonexistent/" + Guid.NewGuid().ToString("N"); // a system user's home: absent, so ~/.net cannot be made
        Directory.CreateDirectory(state.Path); // systemd creates StateDirectory= before the start

        // The unit's own host and port are replaced by a free loopback port (flags win over the environment).
        await using var server = await PasteLiteProcess.StartServerAsync(state.Path, args: unit.ExecStart.Skip(2), env: env);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthcheck")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/", new StringContent("hello from systemd"))).StatusCode);

        var extracted = Directory.GetFiles(env["DOTNET_BUNDLE_EXTRACT_BASE_DIR"], "*sqlite*", SearchOption.AllDirectories);
        Assert.NotEmpty(extracted);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(state.DatabasePath));
        Assert.Equal(0, await server.TerminateAsync());
    }
}
