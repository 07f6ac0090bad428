using Dapper;
using PasteLite.Auth;
using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests;

/// <summary>Tokens made by the CLI, checked by the running server's authenticator: hash lookup, expiry, revocation, last use.</summary>
public sealed class TokenAuthenticationTests
{
    [Theory]
    [InlineData("Bearer og_abc", "og_abc")]
    [InlineData("bearer og_abc", "og_abc")]
    [InlineData("Token og_abc", "og_abc")]
    [InlineData("token og_abc", "og_abc")]
    [InlineData("TOKEN   og_abc  ", "og_abc")]
    [InlineData("Basic b2c6YWJj", null)]
    [InlineData("Bearer", null)]
    [InlineData("Bearer   ", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Reads_bearer_and_token_schemes_in_any_case(string? header, string? expected) =>
        Assert.Equal(expected, TokenAuthenticator.ReadCredential(header));

    private static string CreateToken(TestHome home, string name, params string[] extra)
    {
        var result = CliRunner.Run(home, ["token", "create", name, "--user", "alice", .. extra]);
        Assert.Equal(0, result.ExitCode);
        return result.Out.Trim();
    }

    private static async Task<(TestHome, InProcessServer)> StartWithAliceAsync()
    {
        var home = new TestHome();
        Assert.Equal(0, CliRunner.Run([.. new[] { "user", "create", "alice", "--password-stdin" }, "--home", home.Path], "pw\n").ExitCode);
        return (home, await InProcessServer.StartAsync(home));
    }

    [Fact]
    public async Task A_valid_token_authenticates_with_its_scopes_and_others_do_not()
    {
        var (home, server) = await StartWithAliceAsync();
        using var _ = home;
        await using var __ = server;
        var token = CreateToken(home, "ci", "--scopes", "gist:write,user:read");
        var authenticator = server.Get<TokenAuthenticator>();

        var grant = authenticator.Authenticate(token);

        Assert.NotNull(grant);
        Assert.Equal(new TokenScopes(ScopeLevel.Write, ScopeLevel.Read), grant.Scopes);
        Assert.Null(authenticator.Authenticate(token[..^1] + (token[^1] == '0' ? '1' : '0')));
        Assert.Null(authenticator.Authenticate(AccessTokens.Hash(token)));
    }

    [Fact]
    public async Task Expired_and_revoked_tokens_are_refused()
    {
        var (home, server) = await StartWithAliceAsync();
        using var _ = home;
        await using var __ = server;
        var expired = CreateToken(home, "old", "--expires", "2000-01-01");
        var lastDayToday = CreateToken(home, "today", "--expires", DateTime.Now.ToString("yyyy-MM-dd"));
        var revoked = CreateToken(home, "gone");
        var authenticator = server.Get<TokenAuthenticator>();
        var revokedId = server.Get<AccessTokenStore>().FindByHash(AccessTokens.Hash(revoked))!.Id;
        Assert.NotNull(authenticator.Authenticate(revoked));

        Assert.Equal(0, CliRunner.Run(home, "token", "revoke", revokedId.ToString()).ExitCode);

        Assert.Null(authenticator.Authenticate(expired));
        Assert.NotNull(authenticator.Authenticate(lastDayToday));
        // Revoked by another process: the server remembers a token it has seen for RecentReads.MaxAge at most.
        await Task.Delay(RecentReads.MaxAge);
        Assert.Null(authenticator.Authenticate(revoked));
    }

    [Fact]
    public async Task A_token_revoked_through_the_server_is_refused_at_once()
    {
        var (home, server) = await StartWithAliceAsync();
        using var _ = home;
        await using var __ = server;
        var token = CreateToken(home, "web");
        var authenticator = server.Get<TokenAuthenticator>();
        var store = server.Get<AccessTokenStore>();
        Assert.NotNull(authenticator.Authenticate(token));

        Assert.True(store.Revoke(store.FindByHash(AccessTokens.Hash(token))!.Id));

        Assert.Null(authenticator.Authenticate(token));
    }

    [Fact]
    public async Task Last_use_is_written_in_batches_not_per_request()
    {
        var (home, server) = await StartWithAliceAsync();
        using var _ = home;
        var token = CreateToken(home, "ci");
        var store = server.Get<AccessTokenStore>();
        long LastUsed() => store.FindByHash(AccessTokens.Hash(token))!.LastUsedAt;

        Assert.NotNull(server.Get<TokenAuthenticator>().Authenticate(token));
        Assert.Equal(0, LastUsed());

        server.Get<TokenUsageRecorder>().Flush();
        Assert.InRange(LastUsed(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5, DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        // A use after the last flush is still written when the server stops.
        server.Get<Database>().Write((c, t) => c.Execute("UPDATE access_tokens SET last_used_at = 0", transaction: t));
        Assert.Equal(0, LastUsed());
        Assert.NotNull(server.Get<TokenAuthenticator>().Authenticate(token));
        await server.DisposeAsync();
        Assert.NotEqual(0, new AccessTokenStore(new Database(home.DatabasePath), TimeProvider.System)
            .FindByHash(AccessTokens.Hash(token))!.LastUsedAt);
        Assert.Contains("ci", CliRunner.Run(home, "token", "list", "--user", "alice").Out);
    }
}
