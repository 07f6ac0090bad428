using System.Text.Json;
using System.Text.Json.Serialization;

namespace PasteLite.Endpoints.GistApi;

// Wire types of the Gist API, named as in Opengist's OpenAPI document; JSON keys are snake_case.
// Timestamps are UTC DateTime so they serialize as RFC 3339 with a Z, at second precision.

internal record SimpleUser(long Id, string Login, string Username, string AvatarUrl, string Type, DateTime CreatedAt);

internal sealed record PrivateUser(
    long Id, string Login, string Username, string AvatarUrl, string Type, DateTime CreatedAt, [property: JsonPropertyOrder(1)] string Email)
    : SimpleUser(Id, Login, Username, AvatarUrl, Type, CreatedAt);

internal record GistSimple
{
    public required string Id { get; init; }
    public required string SlugUrl { get; init; }
    public required SimpleUser Owner { get; init; }
    public required string Title { get; init; }
    public required string HtmlUrl { get; init; }
    public required string Description { get; init; }
    public required bool Public { get; init; }
    public required string Visibility { get; init; }
    public required long LikeCount { get; init; }
    public required long ForkCount { get; init; }
    public required string CloneUrl { get; init; }
    public required string SshUrl { get; init; }
    public required IReadOnlyList<string> Topics { get; init; }
    public required bool Archived { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required DateTime? ExpiresAt { get; init; }
    /// <summary>GitHub's API URL of the gist.</summary>
    public required string Url { get; init; }
}

internal sealed record Gist : GistSimple
{
    /// <summary>The detail view starts from the list view's fields.</summary>
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public Gist(GistSimple simple, GistSimple? forkOf, IReadOnlyList<GistSimple> forks, IReadOnlyDictionary<string, GistFile> files,
        IReadOnlyList<GistCommit> commits, bool truncated) : base(simple)
    {
        (ForkOf, Forks, Files, Commits, Truncated, History) = (forkOf, forks, files, commits, truncated, commits);
    }

    [JsonPropertyOrder(1)] public required GistSimple? ForkOf { get; init; }
    public required IReadOnlyList<GistSimple> Forks { get; init; }
    public required IReadOnlyDictionary<string, GistFile> Files { get; init; }
    public required IReadOnlyList<GistCommit> Commits { get; init; }
    public required bool Truncated { get; init; }
    /// <summary>GitHub's name for the revision list; the same entries as `commits`.</summary>
    public required IReadOnlyList<GistCommit> History { get; init; }
}

internal sealed record GistFile(
    string Filename, string Type, string Language, long Size, bool Truncated, string Content, string Encoding, string RawUrl);

internal sealed record CommitAuthor(string Name, string Email);

internal sealed record CommitChangeStatus(long FilesChanged, long Additions, long Deletions, long Total);

internal sealed record GistCommit(
    string Url, string Version, CommitAuthor Author, SimpleUser? User, CommitChangeStatus ChangeStatus, DateTime CommittedAt);

internal sealed record Error(string Message, int Status);

// Request bodies, described for the OpenAPI document; the handlers read JSON themselves so bad input is a 422, not a 500.

internal sealed record GistCreateFileInput(string? Content);

internal sealed record GistCreateRequest(
    string? Title, string? Description, string? Visibility, bool? Public, string? Expire, string? ExpiresAt,
    IReadOnlyDictionary<string, GistCreateFileInput?> Files);

internal sealed record GistUpdateFileInput(string? Content, string? Filename);

internal sealed record GistUpdateRequest(
    string? Title, string? Description, string? Visibility, IReadOnlyDictionary<string, GistUpdateFileInput?>? Files);

internal sealed record UpdateUserRequest(string? Username, string? Email);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SimpleUser))]
[JsonSerializable(typeof(PrivateUser))]
[JsonSerializable(typeof(GistSimple))]
[JsonSerializable(typeof(IReadOnlyList<GistSimple>))]
[JsonSerializable(typeof(Gist))]
[JsonSerializable(typeof(GistCommit))]
[JsonSerializable(typeof(IReadOnlyList<GistCommit>))]
[JsonSerializable(typeof(Error))]
[JsonSerializable(typeof(GistCreateRequest))]
[JsonSerializable(typeof(GistUpdateRequest))]
[JsonSerializable(typeof(UpdateUserRequest))]
internal sealed partial class GistJsonContext : JsonSerializerContext;
