using PasteLite.Auth;

namespace PasteLite.Tests.GistApi;

/// <summary>The harness itself (passes without the Gist API): users and tokens land where the server looks for them.</summary>
public sealed class ApiFixtureTests
{
    [Fact]
    public async Task Accounts_get_tokens_the_server_accepts_with_their_scopes()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");
        var expired = api.Token(alice.Row, ScopeLevel.Read, expiresAt: 1);
        var authenticator = api.Server.Get<TokenAuthenticator>();

        Assert.Equal(new TokenScopes(ScopeLevel.Write, ScopeLevel.Write), authenticator.Authenticate(alice.Full)!.Scopes);
        Assert.Equal(new TokenScopes(ScopeLevel.Read, ScopeLevel.None), authenticator.Authenticate(alice.GistRead)!.Scopes);
        Assert.Equal(TokenScopes.None, authenticator.Authenticate(alice.NoScope)!.Scopes);
        Assert.Equal(alice.Id, authenticator.Authenticate(alice.NoScope)!.UserId);
        Assert.Null(authenticator.Authenticate(expired));
        Assert.Equal("alice@example.com", alice.Row.Email);
        Assert.Equal(0, api.GistCount());
    }

    [Fact]
    public void Link_headers_are_read_by_rel()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Link",
            "<http://h/api/gists?page=3&per_page=2>; rel=\"next\", <http://h/api/gists?page=1&per_page=2>; rel=\"prev\"");

        var links = Api.Links(response);

        Assert.Equal("http://h/api/gists?page=3&per_page=2", links["next"]);
        Assert.Equal("1", Api.Query(links["prev"])["page"]);
        Assert.Equal("2", Api.Query(links["prev"])["per_page"]);
    }
}
