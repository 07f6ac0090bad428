using System.Reflection;

// PasteLite ships for Linux only (one linux-x64 binary), so Unix file modes are used freely.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace PasteLite;

internal static class AppInfo
{
    /// <summary>The product version from the project file (`Version`), as `--version` and /healthcheck report it.</summary>
    public static readonly string Version =
        typeof(AppInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
