using System.Text;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd.Crash;

/// <summary>A user of the crash test: its name, password (for the web login) and personal access token.</summary>
internal sealed record CrashUser(string Name, string Password, string Token);

/// <summary>
/// One client writing until the server dies: creates, updates and deletes its own pastes and gists, forks and likes
/// other users' gists, and writes each acknowledged result into the ledger before its next request. With
/// <paramref name="web"/> it goes through the web forms, otherwise through the API surfaces.
/// </summary>
internal sealed class CrashWorker(int index, Random random, CrashLedger ledger, CrashUser user, ApiWrites api, WebWrites? web)
{
    private readonly List<(PasteHandle Handle, Tracked<PasteState> State)> _pastes = [];
    private readonly List<(string Id, Tracked<GistState> State)> _gists = [];
    private int _n;

    /// <summary>Runs until a request fails at the network level (the kill) or <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested) await (web is null ? ApiStepAsync() : WebStepAsync(web));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            // The server is gone: the request in flight was never answered, so it promised nothing.
        }
    }

    private Task ApiStepAsync() => random.Next(24) switch
    {
        < 4 => TextPasteCreateAsync(content => api.PastyCreateAsync(content, rev: 0), rev: 0),
        < 6 => RawPasteCreateAsync(api.TerminalCreateAsync),
        < 7 => RawPasteCreateAsync(api.HastebinCreateAsync),
        < 12 => PasteUpdateAsync(),
        < 13 => PasteDeleteAsync(),
        < 16 => GistCreateAsync((description, files) => api.GistCreateAsync(user.Token, description, files)),
        < 21 => GistUpdateAsync((id, description, _, files) => api.GistUpdateAsync(user.Token, id, description, files)),
        < 22 => ForkAsync(g => api.GistForkAsync(user.Token, g.Id)),
        _ => LikeAsync(g => api.GistStarAsync(user.Token, g.Id)),
    };

    private Task WebStepAsync(WebWrites forms) => random.Next(12) switch
    {
        < 2 => TextPasteCreateAsync(forms.PasteCreateAsync, rev: null),
        < 4 => PasteUpdateAsync(),
        < 6 => GistCreateAsync(forms.GistCreateAsync),
        < 9 => GistUpdateAsync((id, description, stored, files) => forms.GistEditAsync(user.Name, id, description, stored, files)),
        < 10 => ForkAsync(g => forms.ForkAsync(g.Owner, g.Id)),
        _ => LikeAsync(g => forms.LikeAsync(g.Owner, g.Id)),
    };

    /// <summary>A paste of text (pasty's API, the web form); on success it joins the ledger with the bytes sent.</summary>
    private async Task TextPasteCreateAsync(Func<string, Task<PasteHandle?>> create, int? rev)
    {
        var content = Text();
        if (await create(content) is { } handle) AddPaste(handle, new PasteState(Encoding.UTF8.GetBytes(content), rev));
    }

    /// <summary>A paste of raw bytes (the terminal's POST /, hastebin).</summary>
    private async Task RawPasteCreateAsync(Func<byte[], Task<PasteHandle?>> create)
    {
        var bytes = Bytes();
        if (await create(bytes) is { } handle) AddPaste(handle, new PasteState(bytes, Rev: null));
    }

    private void AddPaste(PasteHandle handle, PasteState state) => _pastes.Add((handle, ledger.AddPaste(handle.Id, state)));

    private async Task PasteUpdateAsync()
    {
        if (Pick(_pastes) is not { } paste || paste.State.Acknowledged is not { } current) return;
        var content = Text();
        var rev = (current.Rev ?? 0) + 1;
        paste.State.Send(new PasteState(Encoding.UTF8.GetBytes(content), rev));
        Settle(paste.State, await api.PastyUpdateAsync(paste.Handle, content, rev));
    }

    /// <summary>Deletes one of its pastes, through pasty's API or the terminal's DELETE.</summary>
    private async Task PasteDeleteAsync()
    {
        if (Pick(_pastes) is not { } paste || paste.State.Acknowledged is null) return;
        paste.State.Send(null);
        Settle(paste.State, random.Next(2) == 0 ? await api.PastyDeleteAsync(paste.Handle) : await api.TerminalDeleteAsync(paste.Handle));
    }

    private async Task GistCreateAsync(Func<string, IReadOnlyDictionary<string, string>, Task<string?>> create)
    {
        var (description, files) = (Description(), FirstFiles());
        if (await create(description, files) is { } id) _gists.Add((id, ledger.AddGist(id, user.Name, new GistState(description, files))));
    }

    /// <summary>Edits one stored file and adds another, with a new description: API PATCH or the edit form.</summary>
    private async Task GistUpdateAsync(Func<string, string, IReadOnlyCollection<string>, IReadOnlyDictionary<string, string>, Task<bool>> update)
    {
        if (Pick(_gists) is not { } gist || gist.State.Acknowledged is not { } current) return;
        var stored = current.Files.Keys.ToList();
        var changed = new Dictionary<string, string> { [stored[random.Next(stored.Count)]] = Text() };
        if (stored.Count < 6) changed[$"f{index}-{++_n}.txt"] = Text();
        var description = Description();
        gist.State.Send(current.With(description, changed));
        Settle(gist.State, await update(gist.Id, description, stored, changed));
    }

    private async Task ForkAsync(Func<(string Id, string Owner), Task<string?>> fork)
    {
        if (ledger.OthersGist(user.Name, random) is not { } parent) return;
        if (await fork(parent) is { } id) ledger.AddFork(new ForkRecord(id, parent.Id, user.Name));
    }

    private async Task LikeAsync(Func<(string Id, string Owner), Task<bool>> like)
    {
        if (ledger.OthersGist(user.Name, random) is not { } gist) return;
        if (await like(gist)) ledger.AddLike(new LikeRecord(gist.Id, user.Name));
    }

    private void Settle<T>(Tracked<T> state, bool acknowledged) where T : class
    {
        if (!acknowledged)
        {
            state.Refused();
            return;
        }
        state.Acknowledge();
        ledger.Count();
    }

    private T? Pick<T>(List<T> items) where T : struct => items.Count == 0 ? null : items[random.Next(items.Count)];

    /// <summary>Text with multi-byte characters, unique per worker and step, so a stale or swapped value shows.</summary>
    private string Text() => $"worker {index} step {++_n} ünïcødé ✓ {random.NextInt64():x}\n" + new string('x', random.Next(200)) + "\nend\n";

    /// <summary>Raw bytes for the terminal surfaces: any byte values, not valid UTF-8, never empty.</summary>
    private byte[] Bytes()
    {
        var bytes = new byte[1 + random.Next(300)];
        random.NextBytes(bytes);
        return bytes;
    }

    private string Description() => $"worker {index} description {++_n}";

    private IReadOnlyDictionary<string, string> FirstFiles()
    {
        var files = new Dictionary<string, string> { [$"a{index}-{++_n}.txt"] = Text() };
        if (random.Next(2) == 0) files[$"b{index}-{_n}.md"] = Text();
        return files;
    }
}
