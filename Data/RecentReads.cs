using System.Collections.Concurrent;

namespace PasteLite.Data;

internal static class RecentReads
{
    /// <summary>How long a read result may be reused at most, whatever happened meanwhile (see <see cref="RecentReads{TKey,TValue}"/>).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    /// <summary>When a read began: results are stamped before reading, so a write committing meanwhile invalidates them.</summary>
    public readonly record struct Stamp(long Generation, long ReadAtMs)
    {
        /// <summary>For a result made of two reads: it holds only as long as both do.</summary>
        public Stamp Earlier(Stamp other) => new(Math.Min(Generation, other.Generation), Math.Min(ReadAtMs, other.ReadAtMs));
    }
}

/// <summary>
/// Results of database reads, reused while this process has committed no write (<see cref="Database.WriteGeneration"/>),
/// for at most <see cref="RecentReads.MaxAge"/> of real time (writes by another process, the CLI, are not counted: this
/// bounds how long one goes unseen), and before the instant each result stops holding (e.g. a gist's expiry, on the
/// app's clock). Holds up to a capacity in weight (rows, say); past it, it starts over empty.
/// </summary>
internal sealed class RecentReads<TKey, TValue>(Database db, int capacity) where TKey : notnull
{
    private static readonly long MaxAgeMs = (long)RecentReads.MaxAge.TotalMilliseconds;

    private sealed record Entry(TValue Value, RecentReads.Stamp Stamp, long ValidBeforeUnixMs);

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private int _weight;

    public RecentReads.Stamp Begin() => new(db.WriteGeneration, Environment.TickCount64);

    /// <summary>The stored result for <paramref name="key"/> if it still holds at <paramref name="nowUnixMs"/> (the app's clock).</summary>
    public bool TryGet(TKey key, long nowUnixMs, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Stamp.Generation == db.WriteGeneration
            && Environment.TickCount64 - entry.Stamp.ReadAtMs < MaxAgeMs && nowUnixMs < entry.ValidBeforeUnixMs)
        {
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>Keeps a result read since <paramref name="stamp"/>, valid until <paramref name="validBeforeUnixMs"/> at the latest.</summary>
    public void Store(TKey key, TValue value, RecentReads.Stamp stamp, long validBeforeUnixMs = long.MaxValue, int weight = 1)
    {
        var entry = new Entry(value, stamp, validBeforeUnixMs);
        if (!_entries.TryAdd(key, entry))
        {
            _entries[key] = entry;
            return;
        }
        // A rough tally of new keys' weights (ConcurrentDictionary.Count takes every lock): past it, start over.
        if (Interlocked.Add(ref _weight, weight) <= capacity) return;
        _entries.Clear();
        Interlocked.Exchange(ref _weight, 0);
    }
}
