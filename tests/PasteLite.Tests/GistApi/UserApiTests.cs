using System.Net;
using System.Text.Json;
using PasteLite.Auth;

namespace PasteLite.Tests.GistApi;

/// <summary>/user, /user/{id}, /users/{username} and its lists (§2 #16-#22; user_test's matrix; PATCH /user untested upstream).</summary>
public sealed class UserApiTests
{
    private const string Scope = "token lacks required scope/permission";

    [Fact]
    public async Task Get_user_is_the_private_user_with_email()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice", "Alice@Example.COM");
        var token = api.Token(alice.Row, userScope: ScopeLevel.Read);

        var user = await api.GetJson("/api/user", token);

        Assert.Equal(alice.Id, user.GetProperty("id").GetInt64());
        Assert.Equal(("alice", "alice", "User"), (user.Str("login"), user.Str("username"), user.Str("type")));
        Assert.Equal("alice@example.com", user.Str("email"));
        Assert.Equal(JsonValueKind.String, user.GetProperty("avatar_url").ValueKind);
        Api.AssertRecentTimestamp(user.GetProperty("created_at"));
    }

    [Fact]
    public async Task Patch_user_renames_and_the_new_name_is_used_everywhere()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");
        var id = await api.CreateGist(alice.Full);

        var response = await api.Patch("/api/user", alice.Full, """{"username":"Alicia-2"}""");

        await Api.AssertStatus(response, HttpStatusCode.OK);
        var user = await Api.Json(response);
        Assert.Equal(("Alicia-2", "alice@example.com"), (user.Str("login"), user.Str("email")));
        Assert.Equal(alice.Id, (await api.GetJson("/api/users/alicia-2")).GetProperty("id").GetInt64());
        await Api.AssertError(await api.Get("/api/users/alice"), 404, "User not found");
        var gist = await api.GetJson($"/api/gists/{id}");
        Assert.Equal("Alicia-2", gist.GetProperty("owner").Str("login"));
        Assert.Contains($"/Alicia-2/{id}", gist.Str("html_url"));
        Assert.Equal([id], Api.Ids(await api.GetJson("/api/users/Alicia-2/gists")));
    }

    [Fact]
    public async Task Patch_user_email_is_trimmed_and_lower_cased_without_format_check()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");

        var first = await api.Patch("/api/user", alice.Full, """{"email":"  New@Example.COM "}""");
        await Api.AssertStatus(first, HttpStatusCode.OK);
        Assert.Equal("new@example.com", (await Api.Json(first)).Str("email"));
        var second = await api.Patch("/api/user", alice.Full, """{"email":"not-an-address"}""");
        await Api.AssertStatus(second, HttpStatusCode.OK);
        var user = await Api.Json(second);
        Assert.Equal(("alice", "not-an-address"), (user.Str("login"), user.Str("email")));
    }

    [Theory]
    [InlineData("bob")]
    [InlineData("BOB")]
    public async Task Patch_user_to_a_taken_name_is_409(string name)
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");
        api.User("bob");

        await Api.AssertError(await api.Patch("/api/user", alice.Full, $$"""{"username":"{{name}}","email":"x@y.z"}"""), 409,
            "username already taken");

        Assert.Equal(("alice", "alice@example.com"), (api.Server.Get<PasteLite.Data.UserStore>().FindByName("alice")!.Username,
            api.Server.Get<PasteLite.Data.UserStore>().FindByName("alice")!.Email));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("assets")]
    [InlineData("healthcheck")]
    [InlineData("init")]
    [InlineData("bad name")]
    [InlineData("under_score")]
    [InlineData("dots.not.allowed")]
    [InlineData("---")]
    [InlineData("")]
    [InlineData("abcdefghijklmnopqrstuvwxy")]
    public async Task Patch_user_to_a_reserved_or_invalid_name_is_422(string name)
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");

        await Api.AssertValidationError(await api.Patch("/api/user", alice.Full, $$"""{"username":"{{name}}"}"""), "username");

        Assert.Equal("alice", (await api.GetJson("/api/users/alice")).Str("login"));
    }

    [Fact]
    public async Task Patch_user_accepts_the_longest_name()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");

        var response = await api.Patch("/api/user", alice.Full, """{"username":"abcdefghijklmnopqrstuvwx"}""");

        await Api.AssertStatus(response, HttpStatusCode.OK);
        Assert.Equal("abcdefghijklmnopqrstuvwx", (await Api.Json(response)).Str("login"));
    }

    [Theory]
    [InlineData("{}", 422, "at least one of username or email must be set")]
    [InlineData(null, 422, "at least one of username or email must be set")]
    [InlineData("""{"username":""", 422, "could not bind data")]
    [InlineData("""{"username":7}""", 422, "could not bind data")]
    public async Task Patch_user_bad_bodies(string? json, int status, string message)
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");

        await Api.AssertError(await api.Patch("/api/user", alice.Full, json), status, message);
    }

    [Fact]
    public async Task Patch_user_case_only_rename_is_a_no_op_and_scopes_apply()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");
        var userRead = api.Token(alice.Row, ScopeLevel.Write, ScopeLevel.Read);

        var response = await api.Patch("/api/user", alice.Full, """{"username":"ALICE"}""");

        await Api.AssertStatus(response, HttpStatusCode.OK);
        Assert.Equal("alice", (await Api.Json(response)).Str("login"));
        await Api.AssertError(await api.Patch("/api/user", userRead, """{"username":"other"}"""), 403, Scope);
        await Api.AssertError(await api.Patch("/api/user", null, """{"username":"other"}"""), 401, "Requires authentication");
        Assert.Equal("alice", (await api.GetJson("/api/users/alice")).Str("login"));
    }

    [Fact]
    public async Task User_by_id_and_by_name()
    {
        await using var api = await ApiFixture.StartAsync();
        var alice = api.Account("alice");

        var byId = await api.GetJson($"/api/user/{alice.Id}");
        GistReadTests.AssertOwner(byId, alice);
        await Api.AssertError(await api.Get("/api/user/abc"), 400, "Invalid user id");
        await Api.AssertError(await api.Get("/api/user/999999"), 404, "User not found");

        GistReadTests.AssertOwner(await api.GetJson("/api/users/ALICE"), alice);
        GistReadTests.AssertOwner(await api.GetJson("/api/users/alice", alice.Full), alice);
        await Api.AssertError(await api.Get("/api/users/nobody"), 404, "User not found");
    }

    [Theory]
    [InlineData("gists")]
    [InlineData("liked")]
    [InlineData("starred")]
    [InlineData("forked")]
    public async Task Lists_of_an_unknown_user_are_404(string list)
    {
        await using var api = await ApiFixture.StartAsync();
        api.Account("alice");

        await Api.AssertError(await api.Get($"/api/users/nobody/{list}"), 404, "User not found");
    }

    [Theory]
    [InlineData("anonymous", false)]
    [InlineData("other", false)]
    [InlineData("self-gist-read", true)]
    [InlineData("self-no-scope", false)]
    public async Task User_lists_show_public_unless_the_caller_is_the_user_with_gist_read(string caller, bool seesAll)
    {
        await using var api = await ApiFixture.StartAsync();
        var target = api.Account("target");
        var other = api.Account("other");
        var (pub, unlisted, priv) = await api.CreateOneOfEach(target);
        foreach (var id in new[] { pub, unlisted, priv })
            await Api.AssertStatus(await api.Put($"/api/gists/{id}/like", target.Full), HttpStatusCode.NoContent);
        var forks = new List<string>();
        foreach (var visibility in new[] { "public", "unlisted", "private" })
        {
            var fork = await api.Fork(await api.CreateGist(other.Full), target.Full);
            await api.PatchGist(fork, target.Full, $$"""{"visibility":"{{visibility}}"}""");
            forks.Add(fork);
        }
        var token = caller switch
        {
            "other" => other.Full, "self-gist-read" => target.GistRead, "self-no-scope" => target.NoScope, _ => null,
        };

        IEnumerable<string> Expect(params string[] ids) => (seesAll ? ids : ids.Take(1)).Order();
        async Task<IEnumerable<string>> List(string path) => Api.Ids(await api.GetJson(path, token)).Order();

        Assert.Equal(Expect(pub, unlisted, priv).Concat(Expect(forks[0], forks[1], forks[2])).Order(), await List("/api/users/target/gists"));
        Assert.Equal(Expect(pub, unlisted, priv), await List("/api/users/target/liked"));
        Assert.Equal(Expect(pub, unlisted, priv), await List("/api/users/target/starred"));
        Assert.Equal(Expect(forks[0], forks[1], forks[2]), await List("/api/users/target/forked"));
        var headers = await api.Get("/api/users/target/gists?per_page=1", token);
        Assert.Equal((seesAll ? 6 : 2).ToString(), Api.Header(headers, "X-Total"));
    }
}
