using System.Net;
using Dapper;
using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Pasty;

/// <summary>
/// Where pastes are stored under their ids: derived ids (a sequence number's permutation) need no index; drawn ids
/// (older pastes, other shapes, tiny spaces) go through the drawn-id index; both stay findable across changes.
/// </summary>
public sealed class PasteIdStorageTests
{
    private sealed record StoredId(long Seq, string Id, long Drawn);

    private static List<StoredId> Stored(TestHome home) =>
        TestDatabase.Query<StoredId>(home.DatabasePath, "SELECT seq AS Seq, id AS Id, drawn AS Drawn FROM pastes ORDER BY seq");

    private static PasteIdScheme RecordedScheme(TestHome home)
    {
        using var connection = TestDatabase.OpenRaw(home.DatabasePath);
        var key = connection.ExecuteScalar<byte[]>("SELECT key FROM paste_id_scheme")!;
        var (length, alphabet) = connection.QuerySingle<(long, string)>("SELECT length, alphabet FROM paste_id_scheme");
        return PasteIdScheme.For((int)length, alphabet, key)!;
    }

    private static async Task AssertReadable(HttpClient client, string id, string content)
    {
        var response = await client.GetAsync($"/api/v2/pastes/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, (await response.ReadJsonAsync()).GetProperty("content").GetString());
    }

    [Fact]
    public async Task New_pastes_take_consecutive_numbers_and_the_ids_they_map_to()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = new List<CreatedPaste>();
        for (var i = 0; i < 5; i++) created.Add(await server.Client.CreatePasteAsync($"paste {i}"));

        var stored = Stored(home);
        Assert.Equal(created.Select(c => c.Id), stored.Select(s => s.Id));
        Assert.All(stored, s => Assert.Equal(0, s.Drawn));
        Assert.Equal(Enumerable.Range((int)stored[0].Seq, 5).Select(n => (long)n), stored.Select(s => s.Seq));
        var scheme = RecordedScheme(home);
        Assert.All(stored, s => Assert.Equal(s.Id, scheme.Encode(s.Seq)));
        for (var i = 0; i < 5; i++) await AssertReadable(server.Client, created[i].Id, $"paste {i}");
        // The drawn-id index holds none of them: a derived paste costs no index write.
        Assert.Equal(0, TestDatabase.Scalar<long>(home.DatabasePath, "SELECT count(*) FROM pastes INDEXED BY pastes_by_drawn_id WHERE drawn = 1"));
    }

    [Fact]
    public async Task Pastes_from_before_derived_ids_are_read_changed_and_deleted_by_their_drawn_ids()
    {
        using var home = new TestHome();
        Directory.CreateDirectory(home.Path);
        using (var connection = TestDatabase.OpenRaw(home.DatabasePath))
        {
            connection.Execute(string.Join(";\n", Migrations.Steps.Take(3)) + "; PRAGMA user_version = 3;");
            connection.Execute("""
                INSERT INTO pastes (id, content, created) VALUES ('Old001', CAST('first' AS BLOB), unixepoch());
                INSERT INTO pastes (id, content, created) VALUES ('Old002', CAST('second' AS BLOB), unixepoch());
                """);
        }
        await using var server = await home.StartPasty((SettingKeys.PastyAdminToken, "admin-secret"));

        await AssertReadable(server.Client, "Old001", "first");
        var patch = await server.Client.SendAsync(HttpMethod.Patch, "/api/v2/pastes/Old001", "{\"content\":\"changed\"}", bearer: "admin-secret");
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        await AssertReadable(server.Client, "Old001", "changed");
        var delete = await server.Client.SendAsync(HttpMethod.Delete, "/api/v2/pastes/Old002", bearer: "admin-secret");
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/api/v2/pastes/Old002")).StatusCode);

        // New pastes number on past the old rows (and past the deleted one), derived.
        var fresh = await server.Client.CreatePasteAsync("fresh");
        var stored = Stored(home);
        Assert.Equal([("Old001", 1L), (fresh.Id, 0L)], stored.Select(s => (s.Id, s.Drawn)));
        Assert.Equal(3, stored[1].Seq);
        await AssertReadable(server.Client, fresh.Id, "fresh");
    }

    [Fact]
    public async Task A_new_id_length_keeps_every_earlier_paste_findable()
    {
        using var home = new TestHome();
        CreatedPaste six;
        await using (var server = await home.StartPasty())
            six = await server.Client.CreatePasteAsync("six characters");
        Assert.Equal(6, six.Id.Length);

        await using (var server = await home.StartPasty((SettingKeys.PastyIdLength, "9")))
        {
            var nine = await server.Client.CreatePasteAsync("nine characters");
            Assert.Equal(9, nine.Id.Length);
            await AssertReadable(server.Client, six.Id, "six characters");
            await AssertReadable(server.Client, nine.Id, "nine characters");
            // The earlier paste moved into the drawn-id index; the new one is derived under the new shape.
            Assert.Equal([(six.Id, 1L), (nine.Id, 0L)], Stored(home).Select(s => (s.Id, s.Drawn)));
        }
    }

    [Fact]
    public async Task Two_servers_with_different_id_lengths_on_one_database_read_each_others_pastes()
    {
        using var home = new TestHome();
        await using var first = await home.StartPasty();
        var before = await first.Client.CreatePasteAsync("before");
        await using var second = await home.StartPasty((SettingKeys.PastyIdLength, "8")); // records its own shape

        var fromFirst = await first.Client.CreatePasteAsync("from the first");
        var fromSecond = await second.Client.CreatePasteAsync("from the second");

        Assert.Equal(6, fromFirst.Id.Length);
        Assert.Equal(8, fromSecond.Id.Length);
        foreach (var server in new[] { first, second })
        {
            await AssertReadable(server.Client, before.Id, "before");
            await AssertReadable(server.Client, fromFirst.Id, "from the first");
            await AssertReadable(server.Client, fromSecond.Id, "from the second");
        }
        // The first server's shape is no longer the recorded one, so its new paste was drawn and indexed.
        Assert.Equal([(before.Id, 1L), (fromFirst.Id, 1L), (fromSecond.Id, 0L)], Stored(home).Select(s => (s.Id, s.Drawn)));
    }

    [Fact]
    public async Task Deleting_the_newest_pastes_never_hands_their_ids_out_again()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyAdminToken, "admin-secret"));
        var kept = await server.Client.CreatePasteAsync("kept");
        var deleted = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var paste = await server.Client.CreatePasteAsync("short-lived");
            var response = await server.Client.SendAsync(HttpMethod.Delete, $"/api/v2/pastes/{paste.Id}", bearer: "admin-secret");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            deleted.Add(paste.Id);
        }

        var next = await server.Client.CreatePasteAsync("next");

        Assert.DoesNotContain(next.Id, deleted);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/api/v2/pastes/{deleted[^1]}")).StatusCode);
        Assert.Equal(Stored(home)[0].Seq + 4, Stored(home)[1].Seq);
        await AssertReadable(server.Client, kept.Id, "kept");
    }

    [Fact]
    public async Task A_derived_id_some_drawn_paste_already_has_is_skipped()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var first = await server.Client.CreatePasteAsync("first");
        var firstSeq = Stored(home)[0].Seq;
        // A drawn paste (say, from before derived ids) holding the id the next number maps to.
        var clash = RecordedScheme(home).Encode(firstSeq + 1);
        using (var connection = TestDatabase.OpenRaw(home.DatabasePath))
            connection.Execute("INSERT INTO pastes (seq, id, drawn, content, created) VALUES (0, @clash, 1, CAST('drawn long ago' AS BLOB), unixepoch())", new { clash });

        var second = await server.Client.CreatePasteAsync("second");

        Assert.NotEqual(clash, second.Id);
        Assert.Equal(firstSeq + 2, Stored(home).Single(s => s.Id == second.Id).Seq);
        await AssertReadable(server.Client, clash, "drawn long ago");
        await AssertReadable(server.Client, second.Id, "second");
        await AssertReadable(server.Client, first.Id, "first");
    }
}
