using System.Text;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Hardening;

/// <summary>
/// One of the concurrency test's clients: a fixed number of random steps over its own pastes and gists and the shared
/// targets, through the API surfaces or (for a web user) the web forms. It keeps what each acknowledged answer promised:
/// every request is answered in-process, so the last acknowledged state of what only it changes is exact.
/// </summary>
internal sealed class ConcurrentClient(int index, Random random, ConcurrentUser user, ApiWrites api, WebWrites? web,
    ConcurrentTargets targets, bool deletesDoomed)
{
    private readonly Dictionary<string, PasteHandle> _handles = [];
    private readonly HashSet<string> _sharedEdited = [];
    private int _n;

    public string User => user.Name;

    /// <summary>Own pastes: the last acknowledged state, null once deleted.</summary>
    public Dictionary<string, PasteState?> Pastes { get; } = [];

    /// <summary>Own gists: the last acknowledged state, null once deleted.</summary>
    public Dictionary<string, GistState?> Gists { get; } = [];

    /// <summary>This client's file in its owner's hot gist: the last acknowledged content.</summary>
    public string? HotFileContent { get; private set; }
    public string HotFile => $"c{index}.txt";

    /// <summary>The last acknowledged value of this client's key in the hot paste's metadata.</summary>
    public int? HotPasteValue { get; private set; }
    public string HotPasteKey => $"c{index}";

    public List<ForkRecord> Forks { get; } = [];

    /// <summary>Likes set (star, or the web's like=1) and never undone: they must be there while the gist is.</summary>
    public List<LikeRecord> Likes { get; } = [];

    public async Task RunAsync(int steps)
    {
        for (var step = 0; step < steps; step++)
        {
            if (deletesDoomed && step == steps / 2) await DeleteDoomedAsync();
            else await (web is null ? ApiStepAsync() : WebStepAsync(web));
        }
    }

    private Task ApiStepAsync() => random.Next(23) switch
    {
        > 20 => ReadSharedAsync(),
        < 3 => PasteCreateAsync(),
        < 6 => PasteUpdateAsync(),
        < 7 => PasteDeleteAsync(),
        < 9 => HotPasteAsync(),
        < 11 => GistCreateAsync((d, f) => api.GistCreateAsync(user.Token!, d, f)),
        < 13 => GistUpdateAsync((id, d, _, f) => api.GistUpdateAsync(user.Token!, id, d, f)),
        < 16 => SharedEditAsync((id, d, _, f) => api.GistUpdateAsync(user.Token!, id, d, f)),
        < 18 => ForkAsync(g => api.GistForkAsync(user.Token!, g.Id)),
        < 20 => user.Toggles ? ToggleLikeAsync() : LikeAsync(g => api.GistStarAsync(user.Token!, g.Id)),
        _ => GistDeleteAsync(id => api.GistDeleteAsync(user.Token!, id)),
    };

    private Task WebStepAsync(WebWrites forms) => random.Next(13) switch
    {
        < 2 => WebPasteCreateAsync(forms),
        < 3 => PasteUpdateAsync(),
        < 4 => HotPasteAsync(),
        < 6 => GistCreateAsync(forms.GistCreateAsync),
        < 7 => GistUpdateAsync((id, d, stored, f) => forms.GistEditAsync(user.Name, id, d, stored, f)),
        < 8 => SharedEditAsync((id, d, stored, f) => forms.GistEditAsync(user.Name, id, d, stored, f)),
        < 10 => ForkAsync(g => forms.ForkAsync(g.Owner, g.Id)),
        < 12 => LikeAsync(g => forms.LikeAsync(g.Owner, g.Id)),
        _ => GistDeleteAsync(id => forms.DeleteAsync(user.Name, id)),
    };

    /// <summary>A paste through pasty's API, the terminal or hastebin.</summary>
    private async Task PasteCreateAsync()
    {
        var text = Text();
        var bytes = Encoding.UTF8.GetBytes(text);
        await (random.Next(3) switch
        {
            0 => Own(api.PastyCreateAsync(text, rev: 0), bytes, rev: 0),
            1 => Own(api.TerminalCreateAsync(bytes), bytes),
            _ => Own(api.HastebinCreateAsync(bytes), bytes),
        });
    }

    private async Task WebPasteCreateAsync(WebWrites forms)
    {
        var text = Text();
        await Own(forms.PasteCreateAsync(text), bytes: Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Awaits a create of <paramref name="bytes"/>; on success the paste is this client's to change.</summary>
    private async Task Own(Task<PasteHandle?> create, byte[] bytes, int? rev = null)
    {
        if (await create is not { } handle) return;
        _handles[handle.Id] = handle;
        Pastes[handle.Id] = new PasteState(bytes, rev);
    }

    private async Task PasteUpdateAsync()
    {
        if (Live(Pastes) is not { } id) return;
        var text = Text();
        var rev = (Pastes[id]!.Rev ?? 0) + 1;
        if (await api.PastyUpdateAsync(_handles[id], text, rev)) Pastes[id] = new PasteState(Encoding.UTF8.GetBytes(text), rev);
    }

    private async Task PasteDeleteAsync()
    {
        if (Live(Pastes) is not { } id) return;
        var deleted = random.Next(2) == 0 ? await api.PastyDeleteAsync(_handles[id]) : await api.TerminalDeleteAsync(_handles[id]);
        if (deleted) Pastes[id] = null;
    }

    /// <summary>
    /// The shared paste: new content (last writer wins) and this client's own metadata key, which must survive. Only
    /// the first nine clients: pasty allows ten metadata keys, and the paste starts with "rev".
    /// </summary>
    private async Task HotPasteAsync()
    {
        if (index >= 9)
        {
            await PasteUpdateAsync();
            return;
        }
        var value = ++_n;
        if (await api.PastyUpdateAsync(targets.HotPaste, Text(), value, HotPasteKey)) HotPasteValue = value;
    }

    private async Task GistCreateAsync(Func<string, IReadOnlyDictionary<string, string>, Task<string?>> create)
    {
        var description = $"client {index} gist {++_n}";
        var files = new Dictionary<string, string> { [$"a{index}-{_n}.txt"] = Text() };
        if (await create(description, files) is not { } id) return;
        Gists[id] = new GistState(description, files);
        targets.Publish(id, user.Name);
    }

    /// <summary>One of its own gists: a new description, one stored file changed and one added.</summary>
    private async Task GistUpdateAsync(Func<string, string, IReadOnlyCollection<string>, IReadOnlyDictionary<string, string>, Task<bool>> update)
    {
        if (Live(Gists) is not { } id) return;
        var current = Gists[id]!;
        var stored = current.Files.Keys.ToList();
        var changed = new Dictionary<string, string> { [stored[random.Next(stored.Count)]] = Text(), [$"n{index}-{++_n}.txt"] = Text() };
        var description = $"client {index} edit {_n}";
        if (await update(id, description, stored, changed)) Gists[id] = current.With(description, changed);
    }

    private async Task GistDeleteAsync(Func<string, Task<bool>> delete)
    {
        if (Live(Gists) is not { } id) return;
        if (!await delete(id)) return;
        Gists[id] = null;
        targets.Deleted[id] = true;
    }

    /// <summary>The owner's hot gist (this client's own file in it) or its doomed gist, edited with every other client of that owner.</summary>
    private async Task SharedEditAsync(Func<string, string, IReadOnlyCollection<string>, IReadOnlyDictionary<string, string>, Task<bool>> update)
    {
        var hot = targets.HotGistOf.GetValueOrDefault(user.Name);
        var doomed = targets.DoomedOf.GetValueOrDefault(user.Name);
        if ((random.Next(2) == 0 ? hot ?? doomed : doomed ?? hot) is not { } id) return;
        var content = Text();
        // The edit form names a stored file it changes (a new slot with a stored name is a duplicate).
        IReadOnlyCollection<string> stored = _sharedEdited.Contains(id) ? [HotFile] : [];
        if (!await update(id, $"shared by client {index}", stored, new Dictionary<string, string> { [HotFile] = content })) return;
        _sharedEdited.Add(id);
        if (id == hot) HotFileContent = content;
    }

    private async Task DeleteDoomedAsync()
    {
        var id = targets.DoomedOf[user.Name];
        var deleted = web is null ? await api.GistDeleteAsync(user.Token!, id) : await web.DeleteAsync(user.Name, id);
        Assert.True(deleted, $"{user.Name} could not delete its gist {id}");
        targets.Deleted[id] = true;
    }

    /// <summary>Reads a gist others may be changing or deleting right now: the API's views and the pages.</summary>
    private async Task ReadSharedAsync()
    {
        var (id, owner) = targets.OthersGist(user.Name, random);
        await (random.Next(5) switch
        {
            0 => api.ReadAsync("read gist", $"/api/gists/{id}"),
            1 => api.ReadAsync("read commits", $"/api/gists/{id}/commits"),
            2 => api.ReadAsync("read forks", $"/api/gists/{id}/forks"),
            3 => api.ReadAsync("read gist page", $"/{owner}/{id}", "text/html"),
            _ => api.ReadAsync("read revisions page", $"/{owner}/{id}/revisions", "text/html"),
        });
    }

    private async Task ForkAsync(Func<(string Id, string Owner), Task<string?>> fork)
    {
        var parent = targets.OthersGist(user.Name, random);
        if (await fork(parent) is { } id) Forks.Add(new ForkRecord(id, parent.Id, user.Name));
    }

    private async Task LikeAsync(Func<(string Id, string Owner), Task<bool>> like)
    {
        var gist = targets.OthersGist(user.Name, random);
        if (await like(gist)) Likes.Add(new LikeRecord(gist.Id, user.Name));
    }

    private async Task ToggleLikeAsync() => await api.GistToggleLikeAsync(user.Token!, targets.OthersGist(user.Name, random).Id);

    private string? Live<T>(Dictionary<string, T?> objects) where T : class
    {
        var live = objects.Where(p => p.Value is not null).Select(p => p.Key).ToList();
        return live.Count == 0 ? null : live[random.Next(live.Count)];
    }

    private string Text() => $"client {index} step {++_n} ünïcødé ✓\n{new string('x', random.Next(100))}\n";
}
