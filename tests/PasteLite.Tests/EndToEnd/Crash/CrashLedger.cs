using System.Collections.Concurrent;

using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd.Crash;

/// <summary>Every write the server acknowledged in one round, with the state it promised; what the verifier checks.</summary>
internal sealed class CrashLedger
{
    private readonly Lock _gate = new();
    private readonly List<(string Id, string Owner)> _likeable = [];
    private int _acknowledged;

    public ConcurrentDictionary<string, Tracked<PasteState>> Pastes { get; } = new();
    public ConcurrentDictionary<string, (string Owner, Tracked<GistState> State)> Gists { get; } = new();
    public ConcurrentQueue<ForkRecord> Forks { get; } = new();
    public ConcurrentQueue<LikeRecord> Likes { get; } = new();

    /// <summary>Creates, updates, deletes, forks and likes answered with success.</summary>
    public int Acknowledged => Volatile.Read(ref _acknowledged);

    public void Count() => Interlocked.Increment(ref _acknowledged);

    /// <summary>Objects with a change sent but never answered: after the restart either state is right.</summary>
    public int InFlight => Pastes.Values.Count(p => p.Allowed.Count > 1) + Gists.Values.Count(g => g.State.Allowed.Count > 1);

    public Tracked<PasteState> AddPaste(string id, PasteState state)
    {
        var tracked = new Tracked<PasteState>(state);
        Assert.True(Pastes.TryAdd(id, tracked), $"paste id {id} was handed out twice");
        Count();
        return tracked;
    }

    public Tracked<GistState> AddGist(string id, string owner, GistState state)
    {
        var tracked = new Tracked<GistState>(state);
        Assert.True(Gists.TryAdd(id, (owner, tracked)), $"gist id {id} was handed out twice");
        lock (_gate) _likeable.Add((id, owner));
        Count();
        return tracked;
    }

    /// <summary>A gist another user made, to fork or like; null while there is none.</summary>
    public (string Id, string Owner)? OthersGist(string user, Random random)
    {
        lock (_gate)
        {
            var others = _likeable.Where(g => g.Owner != user).ToList();
            return others.Count == 0 ? null : others[random.Next(others.Count)];
        }
    }

    public void AddFork(ForkRecord fork)
    {
        Forks.Enqueue(fork);
        Count();
    }

    public void AddLike(LikeRecord like)
    {
        Likes.Enqueue(like);
        Count();
    }
}
