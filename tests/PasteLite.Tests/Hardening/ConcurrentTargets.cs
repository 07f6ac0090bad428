using System.Collections.Concurrent;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Hardening;

/// <summary>A user of the concurrency test: API users have a token, web users sign in; `Toggles` users like with PUT /like.</summary>
internal sealed record ConcurrentUser(string Name, string? Token, bool Toggles = false)
{
    public bool IsWeb => Token is null;
}

/// <summary>
/// What every client of the concurrency test fights over: one paste whose metadata they all change (each its own key),
/// gists whose owners' clients all edit at once (each its own file), gists their owners delete half way while the
/// others still fork, like and edit them, and the gists clients make and delete as they go.
/// </summary>
internal sealed class ConcurrentTargets
{
    public required PasteHandle HotPaste { get; init; }

    /// <summary>Owner name to the gist all of that owner's clients edit, one file each.</summary>
    public required IReadOnlyDictionary<string, string> HotGistOf { get; init; }

    /// <summary>Owner name to the gist that owner's first client deletes half way through.</summary>
    public required IReadOnlyDictionary<string, string> DoomedOf { get; init; }

    /// <summary>Gists whose delete was acknowledged (doomed ones, and clients' own).</summary>
    public ConcurrentDictionary<string, bool> Deleted { get; } = new();

    /// <summary>Gists the clients made: others fork and like them too, while their owners edit and delete them.</summary>
    private readonly ConcurrentQueue<(string Id, string Owner)> _made = new();

    public void Publish(string id, string owner) => _made.Enqueue((id, owner));

    /// <summary>A gist of another user to fork or like: mostly the hot and doomed ones, else one a client made.</summary>
    public (string Id, string Owner) OthersGist(string user, Random random)
    {
        var shared = HotGistOf.Select(g => (g.Value, g.Key)).Concat(DoomedOf.Select(g => (g.Value, g.Key))).Where(g => g.Key != user).ToList();
        var made = _made.Where(g => g.Owner != user).ToList();
        var pool = random.Next(2) == 0 || made.Count == 0 ? shared : made;
        return pool[random.Next(pool.Count)];
    }
}
