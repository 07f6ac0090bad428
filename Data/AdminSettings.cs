using Dapper;

namespace PasteLite.Data;

/// <summary>The instance switches an admin flips at run time (Opengist keeps them in the database as "0"/"1").</summary>
internal sealed record AdminSettings(bool DisableSignup, bool RequireLogin, bool AllowGistsWithoutLogin)
{
    public const string DisableSignupKey = "disable-signup";
    public const string RequireLoginKey = "require-login";
    public const string AllowGistsWithoutLoginKey = "allow-gists-without-login";

    public static readonly IReadOnlyList<string> Keys = [DisableSignupKey, RequireLoginKey, AllowGistsWithoutLoginKey];
}

/// <summary>
/// Reads and writes admin settings. Readers get a copy at most one second old, so a change made by
/// another process (the CLI) reaches a running server within two seconds without a query per request.
/// </summary>
internal sealed class AdminSettingsStore(Database db, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private sealed record Snapshot(AdminSettings Settings, DateTimeOffset ReadAt);
    private sealed record Row(string Key, string Value);
    private volatile Snapshot? _cached;

    public AdminSettings Current
    {
        get
        {
            var now = clock.GetUtcNow();
            if (_cached is { } c && now - c.ReadAt < MaxAge) return c.Settings;
            var values = GetAll();
            var fresh = new AdminSettings(
                values[AdminSettings.DisableSignupKey], values[AdminSettings.RequireLoginKey],
                values[AdminSettings.AllowGistsWithoutLoginKey]);
            _cached = new Snapshot(fresh, now);
            return fresh;
        }
    }

    public IReadOnlyDictionary<string, bool> GetAll()
    {
        var stored = db.Read(c => c.Query<Row>("SELECT key AS Key, value AS Value FROM admin_settings").AsList());
        return AdminSettings.Keys.ToDictionary(k => k, k => stored.Any(s => s.Key == k && s.Value == "1"));
    }

    public void Set(string key, bool value)
    {
        if (!AdminSettings.Keys.Contains(key)) throw new ArgumentException($"unknown admin setting {key}", nameof(key));
        db.Write((c, t) => c.Execute(
            "INSERT INTO admin_settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            new { key, value = value ? "1" : "0" }, t));
        _cached = null;
    }
}
