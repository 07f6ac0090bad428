namespace PasteLite.Tests.Support;

/// <summary>A paste's bytes and its metadata "rev" (null when it was never set: terminal, hastebin and web pastes).</summary>
internal sealed record PasteState(byte[] Content, int? Rev)
{
    public bool Matches(PasteState actual) => Content.AsSpan().SequenceEqual(actual.Content) && (Rev is null || Rev == actual.Rev);
}

/// <summary>A gist's description and its head revision's files (name to text).</summary>
internal sealed record GistState(string Description, IReadOnlyDictionary<string, string> Files)
{
    public bool Matches(GistState actual) => Description == actual.Description && Files.Count == actual.Files.Count
        && Files.All(f => actual.Files.TryGetValue(f.Key, out var content) && content == f.Value);

    /// <summary>This state with files set or added, as a PATCH or the edit form does (unnamed files are kept).</summary>
    public GistState With(string description, IReadOnlyDictionary<string, string> changed)
    {
        var files = new Dictionary<string, string>(Files);
        foreach (var (name, content) in changed) files[name] = content;
        return new GistState(description, files);
    }
}

/// <summary>A fork acknowledged to a user; a like (star) acknowledged to a user.</summary>
internal sealed record ForkRecord(string Fork, string Parent, string Owner);
internal sealed record LikeRecord(string Gist, string User);
