using System.Net;

namespace PasteLite.Tests.GistApi;

/// <summary>
/// Likes: upstream's gist_like_test (§11, §2 #4, #13, #14), where PUT /like toggles; and stars with GitHub's
/// semantics per DESIGN (PUT stars idempotently, DELETE unstars, GET checks), over the same likes.
/// </summary>
public sealed class GistLikeTests
{
    private static async Task<int> LikeCount(ApiFixture api, string id, Account owner) =>
        (await api.GetJson($"/api/gists/{id}", owner.GistRead)).GetProperty("like_count").GetInt32();

    private static async Task AssertEmpty(HttpResponseMessage response, HttpStatusCode status)
    {
        await Api.AssertStatus(response, status);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Liked_and_starred_list_visible_likes()
    {
        await using var api = await ApiFixture.StartAsync();
        var me = api.Account("me");
        var other = api.Account("other");
        var (pub, unlisted, priv) = await api.CreateOneOfEach(me);
        var othersPublic = await api.CreateGist(other.Full);
        var othersUnlisted = await api.CreateGist(other.Full, visibility: "unlisted");

        await Api.AssertError(await api.Get("/api/gists/liked"), 401, "Requires authentication");
        Assert.Empty((await api.GetJson("/api/gists/liked", me.GistRead)).EnumerateArray());
        foreach (var id in new[] { pub, unlisted, priv, othersPublic, othersUnlisted })
            await AssertEmpty(await api.Put($"/api/gists/{id}/like", me.Full), HttpStatusCode.NoContent);

        var withRead = new[] { pub, unlisted, priv, othersPublic }.Order();
        Assert.Equal(withRead, Api.Ids(await api.GetJson("/api/gists/liked", me.GistRead)).Order());
        Assert.Equal(withRead, Api.Ids(await api.GetJson("/api/gists/starred", me.GistRead)).Order());
        Assert.Equal(new[] { pub, othersPublic }.Order(), Api.Ids(await api.GetJson("/api/gists/liked", me.NoScope)).Order());
        Assert.Empty((await api.GetJson("/api/gists/liked", other.GistRead)).EnumerateArray());
    }

    [Theory]
    [InlineData("public", true, 204)]
    [InlineData("unlisted", true, 204)]
    [InlineData("own-private", true, 204)]
    [InlineData("public", false, 404)]
    [InlineData("others-private", false, 404)]
    [InlineData("unknown", false, 404)]
    public async Task Check_like(string gist, bool liked, int expected)
    {
        await using var api = await ApiFixture.StartAsync();
        var me = api.Account("me");
        var other = api.Account("other");
        var id = gist switch
        {
            "own-private" => await api.CreateGist(me.Full, visibility: "private"),
            "others-private" => await api.CreateGist(other.Full, visibility: "private"),
            "unknown" => Api.UnknownId(),
            _ => await api.CreateGist(other.Full, visibility: gist),
        };
        if (liked) await AssertEmpty(await api.Put($"/api/gists/{id}/like", me.Full), HttpStatusCode.NoContent);

        await Api.AssertError(await api.Get($"/api/gists/{id}/like"), 401, "Requires authentication");
        var response = await api.Get($"/api/gists/{id}/like", me.Full);

        await Api.AssertStatus(response, expected);
        if (expected == 204) Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Put_like_toggles()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var me = api.Account("me");
        var id = await api.CreateGist(owner.Full);

        await Api.AssertError(await api.Put($"/api/gists/{id}/like", null), 401, "Requires authentication");
        await AssertEmpty(await api.Put($"/api/gists/{id}/like", me.Full), HttpStatusCode.NoContent);
        Assert.Equal(1, await LikeCount(api, id, owner));
        await AssertEmpty(await api.Get($"/api/gists/{id}/like", me.NoScope), HttpStatusCode.NoContent);

        await AssertEmpty(await api.Put($"/api/gists/{id}/like", me.Full), HttpStatusCode.NoContent);
        Assert.Equal(0, await LikeCount(api, id, owner));
        await Api.AssertStatus(await api.Get($"/api/gists/{id}/like", me.Full), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Likes_need_user_write_and_a_visible_gist()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var me = api.Account("me");
        var id = await api.CreateGist(owner.Full);
        var hidden = await api.CreateGist(owner.Full, visibility: "private");
        var userRead = api.Token(me.Row, PasteLite.Auth.ScopeLevel.Write, PasteLite.Auth.ScopeLevel.Read);

        await Api.AssertError(await api.Put($"/api/gists/{id}/like", me.GistRead), 403, "token lacks required scope/permission");
        await Api.AssertError(await api.Put($"/api/gists/{id}/like", userRead), 403, "token lacks required scope/permission");
        await Api.AssertStatus(await api.Put($"/api/gists/{hidden}/like", me.Full), HttpStatusCode.NotFound);
        await Api.AssertStatus(await api.Put($"/api/gists/{Api.UnknownId()}/like", me.Full), HttpStatusCode.NotFound);

        Assert.Equal(0, await LikeCount(api, id, owner));
        Assert.Equal(0, await LikeCount(api, hidden, owner));
        Assert.Equal(0, api.Scalar<long>("SELECT count(*) FROM likes"));
    }

    [Fact]
    public async Task Put_star_is_idempotent_and_delete_unstars()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var me = api.Account("me");
        var id = await api.CreateGist(owner.Full);

        await AssertEmpty(await api.Put($"/api/gists/{id}/star", me.Full), HttpStatusCode.NoContent);
        await AssertEmpty(await api.Put($"/api/gists/{id}/star", me.Full), HttpStatusCode.NoContent);
        await AssertEmpty(await api.Get($"/api/gists/{id}/star", me.NoScope), HttpStatusCode.NoContent);
        Assert.Equal(1, await LikeCount(api, id, owner));
        Assert.Equal([id], Api.Ids(await api.GetJson("/api/gists/starred", me.NoScope)));
        // One set of likes: a star is a like.
        await AssertEmpty(await api.Get($"/api/gists/{id}/like", me.NoScope), HttpStatusCode.NoContent);

        await AssertEmpty(await api.Delete($"/api/gists/{id}/star", me.Full), HttpStatusCode.NoContent);
        await Api.AssertStatus(await api.Get($"/api/gists/{id}/star", me.NoScope), HttpStatusCode.NotFound);
        Assert.Equal(0, await LikeCount(api, id, owner));
        Assert.Empty((await api.GetJson("/api/gists/starred", me.NoScope)).EnumerateArray());

        // Unstarring what is not starred changes nothing and is still 204.
        await AssertEmpty(await api.Delete($"/api/gists/{id}/star", me.Full), HttpStatusCode.NoContent);
        Assert.Equal(0, await LikeCount(api, id, owner));
    }

    [Fact]
    public async Task Star_routes_need_auth_user_write_and_a_visible_gist()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var me = api.Account("me");
        var id = await api.CreateGist(owner.Full);
        var hidden = await api.CreateGist(owner.Full, visibility: "private");
        var userRead = api.Token(me.Row, PasteLite.Auth.ScopeLevel.Write, PasteLite.Auth.ScopeLevel.Read);

        await Api.AssertError(await api.Get($"/api/gists/{id}/star"), 401, "Requires authentication");
        await Api.AssertError(await api.Put($"/api/gists/{id}/star", null), 401, "Requires authentication");
        await Api.AssertError(await api.Delete($"/api/gists/{id}/star", null), 401, "Requires authentication");
        await Api.AssertError(await api.Put($"/api/gists/{id}/star", userRead), 403, "token lacks required scope/permission");
        await Api.AssertError(await api.Delete($"/api/gists/{id}/star", userRead), 403, "token lacks required scope/permission");
        await Api.AssertStatus(await api.Put($"/api/gists/{hidden}/star", me.Full), HttpStatusCode.NotFound);
        await Api.AssertStatus(await api.Delete($"/api/gists/{hidden}/star", me.Full), HttpStatusCode.NotFound);
        await Api.AssertStatus(await api.Get($"/api/gists/{hidden}/star", me.Full), HttpStatusCode.NotFound);
        await Api.AssertStatus(await api.Put($"/api/gists/{Api.UnknownId()}/star", me.Full), HttpStatusCode.NotFound);

        Assert.Equal(0, api.Scalar<long>("SELECT count(*) FROM likes"));
    }

    [Fact]
    public async Task Stars_and_likes_of_a_deleted_gist_go_with_it()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var me = api.Account("me");
        var id = await api.CreateGist(owner.Full);
        await AssertEmpty(await api.Put($"/api/gists/{id}/star", me.Full), HttpStatusCode.NoContent);

        await Api.AssertStatus(await api.Delete($"/api/gists/{id}", owner.Full), HttpStatusCode.NoContent);

        Assert.Empty((await api.GetJson("/api/gists/starred", me.GistRead)).EnumerateArray());
        await Api.AssertStatus(await api.Get($"/api/gists/{id}/star", me.Full), HttpStatusCode.NotFound);
    }
}
