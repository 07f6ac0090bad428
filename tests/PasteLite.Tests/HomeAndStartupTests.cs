using PasteLite.Config;
using PasteLite.Tests.Support;

namespace PasteLite.Tests;

/// <summary>The home directory, the generated secret key and the database file, with owner-only permissions.</summary>
public sealed class HomeAndStartupTests
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static string SecretKeyPath(TestHome home) => Path.Join(home.Path, HomeDirectory.SecretKeyFile);

    [Fact]
    public void Prepare_creates_the_home_owner_only()
    {
        using var home = new TestHome();
        Assert.False(Directory.Exists(home.Path));

        HomeDirectory.Prepare(home.Settings());

        Assert.True(Directory.Exists(home.Path));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(home.Path));
    }

    [Fact]
    public void Prepare_generates_an_owner_only_secret_key_of_64_hex_characters()
    {
        using var home = new TestHome();

        var prepared = HomeDirectory.Prepare(home.Settings());

        var stored = File.ReadAllText(SecretKeyPath(home));
        Assert.Matches("^[0-9a-f]{64}$", stored);
        Assert.Equal(stored, prepared.SecretKey);
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(SecretKeyPath(home)));
    }

    [Fact]
    public void Prepare_reuses_the_key_on_the_next_start()
    {
        using var home = new TestHome();

        var first = HomeDirectory.Prepare(home.Settings()).SecretKey;
        var second = HomeDirectory.Prepare(home.Settings()).SecretKey;

        Assert.Equal(first, second);
        Assert.Equal(first, File.ReadAllText(SecretKeyPath(home)));
    }

    [Fact]
    public void Separate_homes_get_different_keys()
    {
        using var one = new TestHome();
        using var two = new TestHome();

        Assert.NotEqual(HomeDirectory.Prepare(one.Settings()).SecretKey, HomeDirectory.Prepare(two.Settings()).SecretKey);
    }

    [Fact]
    public void Configured_secret_key_is_used_and_no_key_file_is_written()
    {
        using var home = new TestHome();

        var prepared = HomeDirectory.Prepare(home.Settings(new Dictionary<string, string> { [SettingKeys.SecretKey] = "from-config" }));

        Assert.Equal("from-config", prepared.SecretKey);
        Assert.True(Directory.Exists(home.Path));
        Assert.False(File.Exists(SecretKeyPath(home)));
    }

    [Fact]
    public void Prepare_creates_the_folder_of_a_nested_database_path()
    {
        using var home = new TestHome();

        var prepared = HomeDirectory.Prepare(home.Settings(new Dictionary<string, string> { [SettingKeys.DbUri] = "data/db/pl.db" }));

        Assert.Equal(Path.Join(home.Path, "data", "db", "pl.db"), prepared.DatabasePath);
        Assert.True(Directory.Exists(Path.Join(home.Path, "data", "db")));
    }

    [Fact]
    public void Home_that_cannot_be_created_names_the_path()
    {
        using var files = new TestHome();
        var regularFile = files.WriteFile("not-a-directory", "x");
        var impossible = Path.Join(regularFile, "home");
        var settings = ConfigLoad.Load(flags: ConfigLoad.Flags((SettingKeys.Home, impossible)));

        var error = Assert.Throws<ConfigException>(() => HomeDirectory.Prepare(settings));

        Assert.Contains(impossible, error.Message);
        Assert.Contains(SettingKeys.Home, error.Message);
    }

    [Fact]
    public async Task Build_on_a_fresh_home_creates_an_owner_only_database()
    {
        using var home = new TestHome();

        await using (var app = PasteLiteApp.Build(home.Settings()))
        {
            Assert.True(File.Exists(home.DatabasePath));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(home.DatabasePath));
            Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(home.Path));
            Assert.True(File.Exists(SecretKeyPath(home)));
        }
    }

    [Fact]
    public async Task Database_side_files_are_owner_only_too()
    {
        using var home = new TestHome();
        await using var server = await InProcessServer.StartAsync(home);

        // A write makes SQLite create the -wal and -shm files next to the database.
        server.Get<PasteLite.Data.AdminSettingsStore>().Set(PasteLite.Data.AdminSettings.DisableSignupKey, true);

        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            var path = home.DatabasePath + suffix;
            Assert.True(File.Exists(path), $"{path} should exist in WAL mode");
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        }
    }
}
