using System.Net;
using System.Text.Json;
using PasteLite.Endpoints.Pasty;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Pasty;

/// <summary>Metadata: stored as sent, merged shallowly by PATCH (null removes a key), bounded to 10 keys and 5 levels.</summary>
public sealed class PastyMetadataTests
{
    private const string TooLarge = "metadata exceeds maximum dimensions (max. width: 10; max. depth: 5)";

    [Theory]
    // In stored form: taken as sent.
    [InlineData("{}", true)]
    [InlineData("{\"lang\":\"text\"}", true)]
    [InlineData("{\"pf_encryption\":{\"alg\":\"AES-CBC\",\"iv\":\"54baa80c\"},\"n\":1.50,\"big\":12345678901234567890,\"e\":1e+5,\"list\":[1,\"two\",null,{\"a\":[]}],\"t\":true,\"nothing\":null}", true)]
    [InlineData("{\"a\":{\"x\":1},\"b\":{\"x\":2},\"c\":[{\"x\":1},{\"x\":2}],\"spaces in keys\":\"and in values\"}", true)]
    [InlineData("{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":10}", true)]
    [InlineData("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}", true)]
    [InlineData("{\"a\":[[[[1]]]]}", true)]
    // Not: the JsonObject way decides (and writes or refuses it).
    [InlineData("{ \"lang\": \"text\" }", false)]
    [InlineData("{\"lang\":\"text\",\"lang\":\"py\"}", false)]
    [InlineData("{\"a\":{\"x\":1,\"x\":2}}", false)]
    [InlineData("{\"a\":[{\"x\":1,\"x\":2}]}", false)]
    [InlineData("{\"lang\":\"t\\u0065xt\"}", false)]
    [InlineData("{\"lang\":\"a\\nb\"}", false)]
    [InlineData("{\"lang\":\"<b>&'+`\"}", false)]
    [InlineData("{\"lang\":\"ünïcødé\"}", false)]
    [InlineData("{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":10,\"k11\":11}", false)]
    [InlineData("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{}}}}}}", false)]
    [InlineData("{\"a\":[[[[[1]]]]]}", false)]
    public void Metadata_already_in_stored_form_is_stored_as_the_json_object_way_would_store_it(string json, bool storedForm)
    {
        var element = JsonElement.Parse(json);
        var viaObject = PastyMetadata.TryToObject(element);

        var stored = PastyMetadata.StoredFormOrNull(element);

        Assert.Equal(storedForm, stored is not null);
        if (stored is null) return;
        Assert.True(PastyMetadata.WithinLimits(viaObject));
        Assert.Equal(PastyMetadata.ToJson(viaObject!), stored);
    }

    [Fact]
    public async Task Patch_merges_top_level_keys_replaces_nested_values_whole_and_removes_nulls()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = await server.Client.CreatePasteAsync("x", "{\"lang\":\"py\",\"keep\":1,\"nested\":{\"a\":1,\"b\":2}}");

        var response = await server.Client.SendAsync(HttpMethod.Patch, $"/api/v2/pastes/{created.Id}",
            "{\"metadata\":{\"lang\":null,\"nested\":{\"c\":3},\"x\":{\"y\":1},\"absent\":null}}", created.ModificationToken);

        var metadata = (await response.ReadJsonAsync()).GetProperty("metadata");
        Assert.Equal("{\"keep\":1,\"nested\":{\"c\":3},\"x\":{\"y\":1}}", metadata.GetRawText());
        var stored = await (await server.Client.GetAsync($"/api/v2/pastes/{created.Id}")).ReadJsonAsync();
        Assert.Equal(metadata.GetRawText(), stored.GetProperty("metadata").GetRawText());
    }

    [Fact]
    public async Task Patch_with_content_only_keeps_the_encryption_metadata()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        const string encryption = "{\"pf_encryption\":{\"alg\":\"AES-CBC\",\"iv\":\"54baa80cd8d8328dc4630f9316130f49\"}}";
        var created = await server.Client.CreatePasteAsync("a1b2c3", encryption);

        var response = await server.Client.SendAsync(HttpMethod.Patch, $"/api/v2/pastes/{created.Id}", "{\"content\":\"d4e5f6\"}", created.ModificationToken);

        var paste = await response.ReadJsonAsync();
        Assert.Equal("d4e5f6", paste.GetProperty("content").GetString());
        Assert.Equal(encryption, paste.GetProperty("metadata").GetRawText());
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public async Task Create_allows_ten_keys_per_object(int keys, bool allowed)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var wide = Wide(keys);

        var top = await server.Client.PostAsync("/api/v2/pastes", PastyTestSupport.Json($"{{\"content\":\"x\",\"metadata\":{wide}}}"));
        var nested = await server.Client.PostAsync("/api/v2/pastes", PastyTestSupport.Json($"{{\"content\":\"x\",\"metadata\":{{\"a\":{{\"b\":{wide}}}}}}}"));
        var inArray = await server.Client.PostAsync("/api/v2/pastes", PastyTestSupport.Json($"{{\"content\":\"x\",\"metadata\":{{\"list\":[{wide}]}}}}"));

        foreach (var response in new[] { top, nested, inArray })
        {
            if (allowed) Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            else await response.AssertTextAsync(HttpStatusCode.BadRequest, TooLarge);
        }
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public async Task Create_allows_five_levels_of_nesting(int levels, bool allowed)
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        var response = await server.Client.PostAsync("/api/v2/pastes", PastyTestSupport.Json($"{{\"content\":\"x\",\"metadata\":{Deep(levels)}}}"));

        if (allowed) Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        else await response.AssertTextAsync(HttpStatusCode.BadRequest, TooLarge);
    }

    [Fact]
    public async Task Arrays_count_as_a_level_and_objects_inside_them_are_checked()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();

        // {metadata}(1) > a:{}(2) > b:{}(3) > c:{}(4) > d:[](5) > {too}(6): too deep; one level less fits.
        var deep = await server.Client.PostAsync("/api/v2/pastes",
            PastyTestSupport.Json("{\"content\":\"x\",\"metadata\":{\"a\":{\"b\":{\"c\":{\"d\":[{\"too\":\"deep\"}]}}}}}"));
        var fits = await server.Client.PostAsync("/api/v2/pastes",
            PastyTestSupport.Json("{\"content\":\"x\",\"metadata\":{\"a\":{\"b\":{\"c\":[{\"ok\":1},\"two\",[]]}}}}"));

        await deep.AssertTextAsync(HttpStatusCode.BadRequest, TooLarge);
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
    }

    [Fact]
    public async Task Patch_checks_the_merged_result_not_just_the_payload()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = await server.Client.CreatePasteAsync("x", Wide(8));

        var fits = await server.Client.SendAsync(HttpMethod.Patch, $"/api/v2/pastes/{created.Id}",
            "{\"metadata\":{\"new1\":1,\"new2\":2}}", created.ModificationToken);
        var overflows = await server.Client.SendAsync(HttpMethod.Patch, $"/api/v2/pastes/{created.Id}",
            "{\"content\":\"changed\",\"metadata\":{\"new3\":3}}", created.ModificationToken);
        var swap = await server.Client.SendAsync(HttpMethod.Patch, $"/api/v2/pastes/{created.Id}",
            "{\"metadata\":{\"k0\":null,\"new3\":3}}", created.ModificationToken);

        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        await overflows.AssertTextAsync(HttpStatusCode.BadRequest, TooLarge);
        Assert.Equal(HttpStatusCode.OK, swap.StatusCode);
        var paste = await (await server.Client.GetAsync($"/api/v2/pastes/{created.Id}")).ReadJsonAsync();
        Assert.Equal("x", paste.GetProperty("content").GetString()); // the rejected PATCH changed nothing
        Assert.Equal(10, paste.GetProperty("metadata").EnumerateObject().Count());
    }

    [Fact]
    public async Task Concurrent_patches_of_different_keys_all_land()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = await server.Client.CreatePasteAsync();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => server.Client.SendAsync(HttpMethod.Patch,
            $"/api/v2/pastes/{created.Id}", $"{{\"metadata\":{{\"k{i}\":{i}}}}}", created.ModificationToken)));

        var metadata = (await (await server.Client.GetAsync($"/api/v2/pastes/{created.Id}")).ReadJsonAsync()).GetProperty("metadata");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"k{i}").Order(), metadata.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task A_stored_null_metadata_reads_as_an_empty_object()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = await server.Client.CreatePasteAsync();
        using (var connection = TestDatabase.OpenRaw(home.DatabasePath))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE pastes SET metadata = 'null' WHERE id = '{created.Id}'";
            command.ExecuteNonQuery();
        }

        var paste = await (await server.Client.GetAsync($"/api/v2/pastes/{created.Id}")).ReadJsonAsync();

        Assert.Equal(JsonValueKind.Object, paste.GetProperty("metadata").ValueKind);
        Assert.Empty(paste.GetProperty("metadata").EnumerateObject());
    }

    private static string Wide(int keys) => "{" + string.Join(",", Enumerable.Range(0, keys).Select(i => $"\"k{i}\":{i}")) + "}";

    /// <summary>Objects nested <paramref name="levels"/> deep, the outermost being level 1.</summary>
    private static string Deep(int levels) => levels == 1 ? "{\"leaf\":true}" : $"{{\"l{levels}\":{Deep(levels - 1)}}}";
}
