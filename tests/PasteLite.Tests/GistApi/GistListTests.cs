using System.Net;
using System.Text.Json;

namespace PasteLite.Tests.GistApi;

/// <summary>Gist lists: upstream's common_test (pagination, §4) and gist_list_test (who sees what, §5), plus GitHub-style paging.</summary>
public sealed class GistListTests
{
    private static async Task<(ApiFixture, Account, List<string>)> WithPublicGists(int count, IReadOnlyDictionary<string, string>? settings = null)
    {
        var api = await ApiFixture.StartAsync(settings);
        var owner = api.Account("owner");
        var ids = new List<string>();
        for (var i = 0; i < count; i++) ids.Add(await api.CreateGist(owner.Full, title: $"gist {i}"));
        return (api, owner, ids);
    }

    [Fact]
    public async Task Default_page_is_30_with_a_next_link_and_totals()
    {
        var (api, _, ids) = await WithPublicGists(31);
        await using var _ = api;

        var response = await api.Get("/api/gists");

        await Api.AssertStatus(response, HttpStatusCode.OK);
        Assert.Equal(30, (await Api.Json(response)).GetArrayLength());
        Assert.Equal(("1", "30", "31", "2"), (Api.Header(response, "X-Page"), Api.Header(response, "X-Per-Page"),
            Api.Header(response, "X-Total"), Api.Header(response, "X-Total-Pages")));
        var links = Api.Links(response);
        Assert.Equal(["next"], links.Keys);
        Assert.Equal("http://localhost/api/gists?page=2", links["next"]);
        Assert.Single((await api.GetJson(links["next"])).EnumerateArray());
    }

    [Theory]
    [InlineData("per_page=2", 2, "2")]
    [InlineData("per_page=0", 5, "30")]
    [InlineData("per_page=-1", 5, "30")]
    [InlineData("per_page=abc", 5, "30")]
    [InlineData("per_page=999", 5, "100")]
    [InlineData("per_page=100", 5, "100")]
    public async Task Per_page_is_clamped_not_refused(string query, int items, string perPage)
    {
        var (api, _, _) = await WithPublicGists(5);
        await using var _ = api;

        var response = await api.Get($"/api/gists?{query}");

        await Api.AssertStatus(response, HttpStatusCode.OK);
        Assert.Equal(items, (await Api.Json(response)).GetArrayLength());
        Assert.Equal(perPage, Api.Header(response, "X-Per-Page"));
    }

    [Fact]
    public async Task Pages_link_to_their_neighbours_and_count_the_total()
    {
        var (api, _, ids) = await WithPublicGists(5);
        await using var _ = api;
        var seen = new List<string>();

        for (var page = 1; page <= 3; page++)
        {
            var response = await api.Get($"/api/gists?per_page=2&page={page}");
            await Api.AssertStatus(response, HttpStatusCode.OK);
            seen.AddRange(Api.Ids(await Api.Json(response)));
            Assert.Equal((page.ToString(), "2", "5", "3"), (Api.Header(response, "X-Page"), Api.Header(response, "X-Per-Page"),
                Api.Header(response, "X-Total"), Api.Header(response, "X-Total-Pages")));
            var links = Api.Links(response);
            Assert.Equal(page < 3, links.ContainsKey("next"));
            Assert.Equal(page > 1, links.ContainsKey("prev"));
            if (page < 3) Assert.Equal($"http://localhost/api/gists?page={page + 1}&per_page=2", links["next"]);
            if (page > 1) Assert.Equal($"http://localhost/api/gists?page={page - 1}&per_page=2", links["prev"]);
        }
        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(5, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=-2")]
    [InlineData("page=abc")]
    public async Task Bad_page_is_page_1(string query)
    {
        var (api, _, _) = await WithPublicGists(3);
        await using var _ = api;

        var response = await api.Get($"/api/gists?per_page=2&{query}");

        await Api.AssertStatus(response, HttpStatusCode.OK);
        Assert.Equal(2, (await Api.Json(response)).GetArrayLength());
        Assert.Equal("1", Api.Header(response, "X-Page"));
        Assert.Equal(["next"], Api.Links(response).Keys);
    }

    [Fact]
    public async Task Single_page_has_no_link_and_a_page_past_the_end_is_empty_with_prev()
    {
        var (api, _, _) = await WithPublicGists(2);
        await using var _ = api;

        var single = await api.Get("/api/gists");
        Assert.Equal(2, (await Api.Json(single)).GetArrayLength());
        Assert.Null(Api.Header(single, "Link"));

        var past = await api.Get("/api/gists?page=5");
        Assert.Empty((await Api.Json(past)).EnumerateArray());
        Assert.Equal(["prev"], Api.Links(past).Keys);
    }

    [Fact]
    public async Task Since_filters_on_updated_at_and_must_be_rfc3339()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var old = await api.CreateGist(owner.Full);
        var touched = await api.CreateGist(owner.Full);
        await Task.Delay(1100);
        var since = Api.Rfc3339(DateTimeOffset.UtcNow);
        await api.PatchGist(touched, owner.Full, """{"description":"touched"}""");

        Assert.Equal([touched], Api.Ids(await api.GetJson($"/api/gists?since={since}")));
        Assert.Equal([touched, old], Api.Ids(await api.GetJson("/api/gists?since=2000-01-01T00:00:00Z")));
        Assert.Equal([touched, old], Api.Ids(await api.GetJson("/api/gists/public?since=2000-01-01T00:00:00%2B02:00")));
        var future = await api.Get($"/api/gists?since={Api.Rfc3339(DateTimeOffset.UtcNow.AddDays(1))}");
        Assert.Empty((await Api.Json(future)).EnumerateArray());
        Assert.Equal(("0", "0"), (Api.Header(future, "X-Total"), Api.Header(future, "X-Total-Pages")));

        foreach (var bad in new[] { "not-a-date", "2020-01-01", "2020-01-01T00:00:00" })
        {
            await Api.AssertError(await api.Get($"/api/gists?since={bad}"), 400, "GistSimple not found");
            await Api.AssertError(await api.Get($"/api/gists/public?since={bad}"), 400, "GistSimple not found");
            await Api.AssertError(await api.Get($"/api/users/owner/gists?since={bad}"), 400, "GistSimple not found");
        }
    }

    [Fact]
    public async Task Links_keep_the_other_query_parameters()
    {
        var (api, _, _) = await WithPublicGists(3);
        await using var _ = api;

        var links = Api.Links(await api.Get("/api/gists?since=2000-01-01T00:00:00Z&per_page=1"));

        var next = Api.Query(links["next"]);
        Assert.Equal(("2", "1", "2000-01-01T00:00:00Z"), (next["page"], next["per_page"], next["since"]));
    }

    [Fact]
    public async Task Who_sees_what_in_gists()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var other = api.Account("other");
        var (pub, unlisted, priv) = await api.CreateOneOfEach(owner);
        var othersPublic = await api.CreateGist(other.Full);
        await api.CreateGist(other.Full, visibility: "unlisted");
        await api.CreateGist(other.Full, visibility: "private");

        Assert.Equal(new[] { pub, othersPublic }.Order(), Api.Ids(await api.GetJson("/api/gists")).Order());
        Assert.Equal([pub], Api.Ids(await api.GetJson("/api/gists", owner.NoScope)));
        Assert.Equal(new[] { pub, unlisted, priv }.Order(), Api.Ids(await api.GetJson("/api/gists", owner.GistRead)).Order());
        Assert.Equal(new[] { pub, othersPublic }.Order(), Api.Ids(await api.GetJson("/api/gists/public", owner.GistRead)).Order());
        Assert.Equal(new[] { pub, othersPublic }.Order(), Api.Ids(await api.GetJson("/api/gists/public")).Order());
    }

    [Fact]
    public async Task List_items_are_gist_simple_newest_update_first()
    {
        await using var api = await ApiFixture.StartAsync();
        var owner = api.Account("owner");
        var first = await api.CreateGist(owner.Full, title: "Test");
        var second = await api.CreateGist(owner.Full, title: "Second");
        await Task.Delay(1100);
        await api.PatchGist(first, owner.Full, """{"description":"bumped"}""");

        var list = await api.GetJson("/api/gists");

        Assert.Equal([first, second], Api.Ids(list));
        var item = list[0];
        Assert.Equal(first, item.Str("slug_url"));
        Assert.Equal("Test", item.Str("title"));
        Assert.Equal("bumped", item.Str("description"));
        Assert.Equal(("public", true), (item.Str("visibility"), item.GetProperty("public").GetBoolean()));
        Assert.Equal((0, 0), (item.GetProperty("like_count").GetInt32(), item.GetProperty("fork_count").GetInt32()));
        GistReadTests.AssertOwner(item.GetProperty("owner"), owner);
        Assert.Contains($"/owner/{first}", item.Str("html_url"));
        Assert.EndsWith($"/api/gists/{first}", item.Str("url"));
        Assert.Equal(JsonValueKind.String, item.GetProperty("clone_url").ValueKind);
        Assert.Equal(JsonValueKind.String, item.GetProperty("ssh_url").ValueKind);
        Assert.Empty(item.GetProperty("topics").EnumerateArray());
        Assert.False(item.GetProperty("archived").GetBoolean());
        Api.AssertRecentTimestamp(item.GetProperty("created_at"));
        Api.AssertRecentTimestamp(item.GetProperty("updated_at"));
        Assert.True(string.CompareOrdinal(item.Str("updated_at"), item.Str("created_at")) > 0);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("expires_at").ValueKind);
    }

    [Fact]
    public async Task Links_and_urls_use_the_external_url()
    {
        var (api, _, _) = await WithPublicGists(3, new Dictionary<string, string> { ["external-url"] = "https://gist.example.com" });
        await using var _ = api;

        var response = await api.Get("/api/gists?per_page=1&page=2");

        var links = Api.Links(response);
        Assert.Equal("https://gist.example.com/api/gists?page=3&per_page=1", links["next"]);
        Assert.Equal("https://gist.example.com/api/gists?page=1&per_page=1", links["prev"]);
        Assert.StartsWith("https://gist.example.com/owner/", (await Api.Json(response))[0].Str("html_url"));
    }

    [Fact]
    public async Task Following_next_links_collects_every_gist_once()
    {
        var (api, owner, ids) = await WithPublicGists(7);
        await using var _ = api;
        var seen = new List<string>();
        string? url = "/api/gists?per_page=3";
        var pages = 0;

        while (url is not null)
        {
            var response = await api.Send(HttpMethod.Get, url, owner.GistRead, scheme: "token",
                configure: r => r.Headers.TryAddWithoutValidation("Accept", "application/vnd.github+json"));
            await Api.AssertStatus(response, HttpStatusCode.OK);
            seen.AddRange(Api.Ids(await Api.Json(response)));
            url = Api.Links(response).GetValueOrDefault("next");
            Assert.True(++pages <= 3, "more pages than 7 gists need");
        }

        Assert.Equal(3, pages);
        Assert.Equal(ids.Order(), seen.Order());
    }
}
