using Microsoft.Data.Sqlite;
using PasteLite.Config;

namespace PasteLite.Tests.Support;

/// <summary>A fresh, empty PasteLite home in a temporary folder, removed afterwards.</summary>
public sealed class TestHome : IDisposable
{
    public TestHome()
    {
        Path = System.IO.Path.Join(System.IO.Path.GetTempPath(), "pastelite-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
    }

    /// <summary>The home directory; it does not exist until something creates it.</summary>
    public string Path { get; }

    public string DatabasePath => System.IO.Path.Join(Path, "pastelite.db");

    /// <summary>Settings for this home: defaults plus the given keys, as if set in a config file.</summary>
    internal Settings Settings(IReadOnlyDictionary<string, string>? values = null)
    {
        var flags = new Dictionary<string, string>(values ?? new Dictionary<string, string>()) { [SettingKeys.Home] = Path };
        return SettingsLoader.Load(new ConfigInputs(Flags: flags)).Settings;
    }

    private readonly List<string> _files = [];

    /// <summary>Writes a file inside the home's parent folder and returns its path (for config files); removed on dispose.</summary>
    public string WriteFile(string name, string text)
    {
        var file = System.IO.Path.Join(System.IO.Path.GetDirectoryName(Path)!, System.IO.Path.GetFileName(Path) + "-" + name);
        File.WriteAllText(file, text);
        _files.Add(file);
        return file;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in _files)
        {
            try { File.Delete(file); }
            catch (IOException) { }
        }
        try
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server process still closing its files; the OS temp cleaner gets it.
        }
    }
}
