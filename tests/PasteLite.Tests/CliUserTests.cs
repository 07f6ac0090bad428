using PasteLite.Auth;
using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests;

/// <summary>`pastelite user create | list | delete` against a real home.</summary>
public sealed class CliUserTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    private CliResult CreateUser(string name, string stdin = "s3cret\n", params string[] extra) =>
        CliRunner.RunWithStdin(_home, stdin, ["user", "create", name, "--password-stdin", .. extra]);

    private UserRow? Find(string name) =>
        new UserStore(new Database(_home.DatabasePath), TimeProvider.System).FindByName(name);

    private long UserCount() => TestDatabase.Scalar<long>(_home.DatabasePath, "SELECT count(*) FROM users");

    [Fact]
    public void Create_stores_the_user_with_lower_cased_email_admin_flag_and_password_hash()
    {
        var result = CreateUser("alice", "s3cret\n", "--email", "A@X.org", "--admin");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("alice", result.Out);
        var row = Assert.IsType<UserRow>(Find("alice"));
        Assert.Equal("alice", row.Username);
        Assert.Equal("a@x.org", row.Email);
        Assert.Equal(1, TestDatabase.Scalar<long>(_home.DatabasePath, "SELECT is_admin FROM users WHERE username = 'alice'"));
        Assert.True(Passwords.Verify("s3cret", row.PasswordHash));
        Assert.False(Passwords.Verify("s3cret2", row.PasswordHash));
        Assert.DoesNotContain("s3cret", row.PasswordHash);
    }

    [Fact]
    public void Create_without_admin_makes_a_regular_user_and_drops_a_CRLF_line_ending()
    {
        var result = CreateUser("bob", "pa ss\r\nignored second line\n");

        Assert.Equal(0, result.ExitCode);
        var row = Assert.IsType<UserRow>(Find("bob"));
        Assert.False(row.IsAdmin);
        Assert.Equal("", row.Email);
        Assert.True(Passwords.Verify("pa ss", row.PasswordHash));
    }

    [Fact]
    public void Duplicate_name_differing_only_in_case_exits_1()
    {
        Assert.Equal(0, CreateUser("alice").ExitCode);

        var result = CreateUser("ALICE");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("pastelite: ", Assert.Single(result.ErrorLines));
        Assert.Equal(1, UserCount());
    }

    [Theory]
    [InlineData("bad_name")]
    [InlineData("abcdefghijklmnopqrstuvwxy")]
    [InlineData("api")]
    [InlineData("Login")]
    [InlineData("caf\u00e9")]
    public void Invalid_name_exits_2_and_creates_nothing(string name)
    {
        var result = CreateUser(name);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("pastelite: ", Assert.Single(result.ErrorLines));
        Assert.False(File.Exists(_home.DatabasePath));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Missing_password_on_stdin_exits_2(string stdin)
    {
        var result = CreateUser("carol", stdin);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("password", Assert.Single(result.ErrorLines));
        Assert.False(File.Exists(_home.DatabasePath) && UserCount() > 0);
    }

    // --password-stdin is an Option<bool> with Required = true, but a bool option always has a value (false),
    // so the parser accepts its absence; the action never looks at it and reads stdin anyway (exit 0, user created).
    [Fact]
    public void Create_without_password_stdin_flag_exits_2()
    {
        var result = CliRunner.RunWithStdin(_home, "s3cret\n", "user", "create", "dave");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--password-stdin", result.Error);
        Assert.False(File.Exists(_home.DatabasePath) && UserCount() > 0);
    }

    [Fact]
    public void List_shows_users_with_email_and_admin_flag()
    {
        Assert.Equal(0, CreateUser("alice", "pw\n", "--email", "alice@example.org", "--admin").ExitCode);
        Assert.Equal(0, CreateUser("bob").ExitCode);

        var result = CliRunner.Run(_home, "user", "list");

        Assert.Equal(0, result.ExitCode);
        var rows = CliTable.Parse(result.Out);
        Assert.Equal(["alice", "bob"], rows.Select(r => r["USERNAME"]));
        Assert.Equal(["alice@example.org", ""], rows.Select(r => r["EMAIL"]));
        Assert.Equal(["yes", "no"], rows.Select(r => r["ADMIN"]));
        var alice = Find("alice")!;
        Assert.Equal(alice.Id.ToString(), rows[0]["ID"]);
        Assert.Equal(PasteLite.Cli.Tables.Time(alice.CreatedAt), rows[0]["CREATED"]);
    }

    [Fact]
    public void Delete_removes_the_user_from_the_list()
    {
        Assert.Equal(0, CreateUser("alice").ExitCode);
        Assert.Equal(0, CreateUser("bob").ExitCode);

        var result = CliRunner.Run(_home, "user", "delete", "alice");

        Assert.Equal(0, result.ExitCode);
        Assert.Null(Find("alice"));
        var listed = CliTable.Parse(CliRunner.Run(_home, "user", "list").Out).Select(r => r["USERNAME"]);
        Assert.Equal(["bob"], listed);
    }

    [Fact]
    public void Delete_of_a_missing_user_exits_1()
    {
        var result = CliRunner.Run(_home, "user", "delete", "ghost");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ghost", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void Delete_takes_the_users_tokens_with_it()
    {
        var db = _home.Initialized();
        db.CreateUser("alice");
        Assert.Equal(0, CliRunner.Run(_home, "token", "create", "ci", "--user", "alice").ExitCode);

        Assert.Equal(0, CliRunner.Run(_home, "user", "delete", "ALICE").ExitCode);

        Assert.Equal(0, TestDatabase.Scalar<long>(_home.DatabasePath, "SELECT count(*) FROM access_tokens"));
    }
}
