using PasteLite.Hosting;

namespace PasteLite.Tests.EndToEnd;

/// <summary>dist/pastelite re-executes itself once with the GC's gen0 budget set (Hosting/Gen0Budget.cs).</summary>
public sealed class Gen0BudgetProcessTests
{
    [Fact]
    public async Task The_server_runs_with_the_small_gen0_budget_in_the_process_it_was_started_as()
    {
        using var home = new Support.TestHome();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        Assert.Contains("\"database\":\"ok\"", await http.GetStringAsync("/healthcheck"));
        // Same process id: the exec replaced the image, so supervisors (systemd, the test) still hold the server.
        Assert.Equal([$"{Gen0Budget.Variable}={Gen0Budget.Value}"], BudgetSettings(server.ProcessId));
        // ps, top and killall still know it by its name.
        Assert.Equal("pastelite", File.ReadAllText($"/proc/{server.ProcessId}/comm").Trim());
    }

    [Fact]
    public async Task An_operators_own_setting_is_kept()
    {
        using var home = new Support.TestHome();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path,
            env: new Dictionary<string, string> { [Gen0Budget.Variable] = "0x800000" });
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        Assert.Contains("\"database\":\"ok\"", await http.GetStringAsync("/healthcheck"));
        Assert.Equal([$"{Gen0Budget.Variable}=0x800000"], BudgetSettings(server.ProcessId));
    }

    private static string[] BudgetSettings(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0').Where(v => v.StartsWith("DOTNET_GCgen0size=", StringComparison.Ordinal)).ToArray();
}
