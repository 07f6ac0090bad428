using System.Security.Cryptography;

namespace PasteLite.Config;

/// <summary>Creates the home directory (0700) and loads or generates the secret key kept in it (0600).</summary>
internal static class HomeDirectory
{
    public const string SecretKeyFile = "pastelite-secret.key";
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Makes sure the home and the database's folder exist; returns the settings with the secret key filled in.</summary>
    public static Settings Prepare(Settings settings)
    {
        CreateDirectory(settings.Home, $"home directory (from {SettingKeys.Home})");
        var dbFolder = Path.GetDirectoryName(settings.DatabasePath)!;
        CreateDirectory(dbFolder, $"database directory (from {SettingKeys.DbUri})");
        return settings.SecretKey.Length > 0 ? settings : settings with { SecretKey = LoadOrCreateSecret(settings.Home) };
    }

    private static void CreateDirectory(string path, string what)
    {
        if (Directory.Exists(path)) return;
        try
        {
            Directory.CreateDirectory(path, OwnerOnlyDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"cannot create {what} {path}: {e.Message}");
        }
    }

    private static string LoadOrCreateSecret(string home)
    {
        var path = Path.Join(home, SecretKeyFile);
        try
        {
            if (File.Exists(path))
            {
                var existing = File.ReadAllText(path).Trim();
                if (existing.Length > 0) return existing;
            }
            var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            using (var file = new FileStream(path, new FileStreamOptions
                   { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile }))
            using (var writer = new StreamWriter(file))
                writer.Write(secret);
            return secret;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"cannot read or create the secret key {path}: {e.Message}");
        }
    }
}
