using System.Runtime.InteropServices;

namespace PasteLite.Hosting;

/// <summary>
/// Sets the GC's gen0 budget, which the runtime reads only from its environment when it starts (runtimeconfig's
/// GCgen0size is ignored): the published binary re-executes itself once, same process id and arguments, with
/// DOTNET_GCgen0size set. Workstation GC otherwise takes the budget from the L3 cache size, 16 MB on a 32 MiB-L3
/// machine, and the regions it cycles through stay committed: 98-106 MB resident after bench/run's workloads, 84-92 MB
/// with 2 MiB (GC committed 29 -> 10 MB) at the same requests/s (bench/RESULTS.md). 4 MiB still reached 106 MB after
/// the gist and list loads. The re-execution costs ~30 ms of start-up.
/// </summary>
internal static class Gen0Budget
{
    public const string Variable = "DOTNET_GCgen0size";
    public const string Value = "0x200000"; // 2 MiB

    /// <summary>
    /// Re-executes the process with the budget set, unless it is set already (by us, or by an operator's own
    /// DOTNET_/COMPlus_ setting) or this is not the pastelite executable (`dotnet pastelite.dll`, test hosts).
    /// Returns only when nothing was re-executed; a failed exec runs on with the runtime's default.
    /// </summary>
    public static void Apply(string[] args)
    {
        if (!OperatingSystem.IsLinux() || Environment.ProcessPath is not { } exe
            || !string.Equals(Path.GetFileName(exe), "pastelite", StringComparison.Ordinal)
            || Environment.GetEnvironmentVariable(Variable) is not null
            || Environment.GetEnvironmentVariable("COMPlus_GCgen0size") is not null) return;

        Environment.SetEnvironmentVariable(Variable, Value);
        var environment = Environment.GetEnvironmentVariables();
        var envp = new string?[environment.Count + 1];
        var i = 0;
        foreach (System.Collections.DictionaryEntry entry in environment) envp[i++] = $"{entry.Key}={entry.Value}";
        string?[] argv = [exe, .. args, null];
        // The path itself, not /proc/self/exe: the process name (ps, top, killall) comes from the path executed.
        execve(exe, argv, envp);
        Environment.SetEnvironmentVariable(Variable, null); // exec failed: nothing changed for this process
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int execve(string path, string?[] argv, string?[] envp);
}
