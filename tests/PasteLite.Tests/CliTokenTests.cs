using System.Security.Cryptography;
using System.Text;
using PasteLite.Auth;
using PasteLite.Cli;
using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests;

/// <summary>`pastelite token create | list | revoke`: the token is printed once and only its SHA-256 is stored.</summary>
public sealed class CliTokenTests : IDisposable
{
    private readonly TestHome _home = new();
    private readonly Database _db;
    private readonly AccessTokenStore _tokens;

    public CliTokenTests()
    {
        _db = _home.Initialized();
        _db.CreateUser("alice");
        _tokens = new AccessTokenStore(_db, TimeProvider.System);
    }

    public void Dispose() => _home.Dispose();

    private CliResult Create(params string[] extra) => CliRunner.Run(_home, ["token", "create", "ci", "--user", "alice", .. extra]);

    /// <summary>Creates a token that must succeed and returns it with its stored row.</summary>
    private (string Token, AccessTokenRow Row) CreateOk(params string[] extra)
    {
        var result = Create(extra);
        Assert.True(result.ExitCode == 0, result.ToString());
        var token = Assert.Single(result.OutLines);
        return (token, _tokens.FindByHash(AccessTokens.Hash(token)) ?? throw new InvalidOperationException("no row for the printed token"));
    }

    private long TokenCount() => TestDatabase.Scalar<long>(_home.DatabasePath, "SELECT count(*) FROM access_tokens");

    private List<Dictionary<string, string>> ListTokens()
    {
        var result = CliRunner.Run(_home, "token", "list", "--user", "alice");
        Assert.True(result.ExitCode == 0, result.ToString());
        return CliTable.Parse(result.Out);
    }

    [Fact]
    public void Create_prints_the_token_alone_on_stdout()
    {
        var result = Create("--scopes", "gist:read,user:write");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches("^og_[0-9a-f]{64}\n$", result.Out);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void Database_stores_the_sha256_of_the_token_and_never_the_token()
    {
        var (token, row) = CreateOk("--scopes", "gist:read,user:write");

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        Assert.Equal(expected, row.TokenHash);
        var secretPart = token["og_".Length..];
        using (var connection = TestDatabase.OpenRaw(_home.DatabasePath, readOnly: true))
        using (var reader = new Microsoft.Data.Sqlite.SqliteCommand("SELECT * FROM access_tokens", connection).ExecuteReader())
            while (reader.Read())
                for (var i = 0; i < reader.FieldCount; i++)
                    Assert.DoesNotContain(secretPart, Convert.ToString(reader.GetValue(i)) ?? "");
        foreach (var file in Directory.GetFiles(_home.Path, "pastelite.db*"))
            Assert.DoesNotContain(secretPart, Encoding.ASCII.GetString(File.ReadAllBytes(file)));
    }

    [Fact]
    public void Scopes_are_stored_as_levels()
    {
        var (_, row) = CreateOk("--scopes", "gist:read,user:write");

        Assert.Equal(1, row.ScopeGist);
        Assert.Equal(2, row.ScopeUser);
        Assert.Equal("gist:read,user:write", Assert.Single(ListTokens())["SCOPES"]);
    }

    [Fact]
    public void No_scopes_means_none()
    {
        var (_, row) = CreateOk();

        Assert.Equal(0, row.ScopeGist);
        Assert.Equal(0, row.ScopeUser);
        Assert.Equal("none", Assert.Single(ListTokens())["SCOPES"]);
    }

    [Fact]
    public void Unknown_scope_exits_2_and_stores_nothing()
    {
        var result = Create("--scopes", "nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nope", Assert.Single(result.ErrorLines));
        Assert.Equal("", result.Out);
        Assert.Equal(0, TokenCount());
    }

    [Fact]
    public void Unknown_user_exits_1()
    {
        var result = CliRunner.Run(_home, "token", "create", "ci", "--user", "ghost");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ghost", result.Error);
        Assert.Equal(0, TokenCount());
    }

    [Fact]
    public void Expires_is_the_end_of_that_day_in_server_local_time()
    {
        var (_, row) = CreateOk("--expires", "2099-12-31");

        var lastSecond = new DateTime(2099, 12, 31, 23, 59, 59, DateTimeKind.Unspecified);
        var expected = new DateTimeOffset(lastSecond, TimeZoneInfo.Local.GetUtcOffset(lastSecond));
        Assert.Equal(expected.ToUnixTimeSeconds(), row.ExpiresAt);
        Assert.False(row.IsExpired(DateTimeOffset.UtcNow));
        Assert.False(row.IsExpired(expected));
        Assert.True(row.IsExpired(expected.AddSeconds(1)));
    }

    [Fact]
    public void Past_expiry_is_accepted_with_a_warning_and_the_token_is_expired()
    {
        var result = Create("--expires", "2000-01-01");

        Assert.Equal(0, result.ExitCode);
        var warning = Assert.Single(result.ErrorLines);
        Assert.StartsWith("pastelite: warning:", warning);
        Assert.Contains("2000-01-01", warning);
        var token = Assert.Single(result.OutLines);
        Assert.True(_tokens.FindByHash(AccessTokens.Hash(token))!.IsExpired(DateTimeOffset.UtcNow));
    }

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("2024-02-30")]
    [InlineData("31-12-2099")]
    [InlineData("tomorrow")]
    public void Malformed_expiry_exits_2_and_stores_nothing(string day)
    {
        var result = Create("--expires", day);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(day, Assert.Single(result.ErrorLines));
        Assert.Equal(0, TokenCount());
    }

    [Fact]
    public void List_shows_name_scopes_dates_and_never_the_token()
    {
        var (token, row) = CreateOk("--scopes", "gist:write", "--expires", "2099-12-31");

        var result = CliRunner.Run(_home, "token", "list", "--user", "alice");

        Assert.DoesNotContain(token["og_".Length..], result.Out);
        var listed = Assert.Single(CliTable.Parse(result.Out));
        Assert.Equal(row.Id.ToString(), listed["ID"]);
        Assert.Equal("ci", listed["NAME"]);
        Assert.Equal("gist:write", listed["SCOPES"]);
        Assert.Equal(Tables.Time(row.CreatedAt), listed["CREATED"]);
        Assert.Equal(Tables.Time(row.ExpiresAt), listed["EXPIRES"]);
        Assert.StartsWith("2099-12-31", listed["EXPIRES"]);
        Assert.Equal("never", listed["LAST USED"]);
    }

    [Fact]
    public void Revoke_deletes_the_row_and_a_second_revoke_exits_1()
    {
        var (_, row) = CreateOk();
        var (_, other) = CreateOk();

        var first = CliRunner.Run(_home, "token", "revoke", row.Id.ToString());
        var second = CliRunner.Run(_home, "token", "revoke", row.Id.ToString());

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains(row.Id.ToString(), second.Error);
        Assert.Equal([other.Id.ToString()], ListTokens().Select(t => t["ID"]));
    }

    [Fact]
    public void Recorded_last_use_shows_in_the_list()
    {
        var (_, row) = CreateOk();
        var usedAt = DateTimeOffset.UtcNow.AddMinutes(-3).ToUnixTimeSeconds();

        _tokens.RecordLastUsed(new Dictionary<long, long> { [row.Id] = usedAt });

        Assert.Equal(usedAt, _tokens.FindByHash(row.TokenHash)!.LastUsedAt);
        Assert.Equal(Tables.Time(usedAt), Assert.Single(ListTokens())["LAST USED"]);
        Assert.NotEqual("never", Tables.Time(usedAt));
    }

    [Fact]
    public void Each_token_is_new_and_the_list_is_newest_first()
    {
        var (one, first) = CreateOk();
        var (two, second) = CreateOk();

        Assert.NotEqual(one, two);
        Assert.Equal([second.Id.ToString(), first.Id.ToString()], ListTokens().Select(t => t["ID"]));
    }
}
