using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Gists;
using PasteLite.Hosting;

namespace PasteLite.Endpoints.GistApi;

/// <summary>Turns stored rows into the wire shapes, with a fixed number of queries per response.</summary>
internal sealed class GistViews(GistQueries queries, UserStore users, Settings settings)
{
    public const int MaxFilesShown = 50;
    public const int CommitsShown = 10;
    public const int ForksShown = 11;

    /// <summary>What <see cref="Detail"/> shows of a gist, for <see cref="GistQueries.Detail(string, Func{GistRow, bool}, long, DetailLimits)"/>.</summary>
    public static readonly DetailLimits Limits = new(MaxFilesShown, CommitsShown, ForksShown);

    private static DateTime Utc(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime;

    public static SimpleUser User(UserRow user) => new(user.Id, user.Username, user.Username, "", "User", Utc(user.CreatedAt));

    public static PrivateUser Private(UserRow user) =>
        new(user.Id, user.Username, user.Username, "", "User", Utc(user.CreatedAt), user.Email);

    public IReadOnlyList<GistSimple> Simple(HttpContext context, IReadOnlyList<GistRow> rows)
    {
        var root = PublicUrl.Base(context, settings);
        var topics = queries.Topics(rows);
        return rows.Select(r => Simple(root, r, topics)).ToArray();
    }

    public GistSimple Simple(HttpContext context, GistRow gist) => Simple(context, [gist])[0];

    private static GistSimple Simple(string root, GistRow gist, ILookup<long, string> topics)
    {
        var visibility = (Visibility)gist.Visibility;
        return new GistSimple
        {
            Id = gist.Uuid,
            SlugUrl = gist.Uuid,
            Owner = new SimpleUser(gist.UserId, gist.OwnerName, gist.OwnerName, "", "User", Utc(gist.OwnerCreatedAt)),
            Title = gist.Title,
            HtmlUrl = $"{root}/{gist.OwnerName}/{gist.Uuid}",
            Description = gist.Description,
            Public = visibility == Visibility.Public,
            Visibility = Visibilities.Name(visibility),
            LikeCount = gist.NbLikes,
            ForkCount = gist.NbForks,
            // No git transport in PasteLite: Opengist sends "" when git over HTTP or SSH is off.
            CloneUrl = "",
            SshUrl = "",
            Topics = topics[gist.Id].ToArray(),
            Archived = gist.Archived,
            CreatedAt = Utc(gist.CreatedAt),
            UpdatedAt = Utc(gist.UpdatedAt),
            ExpiresAt = gist.ExpiresAt == 0 ? null : Utc(gist.ExpiresAt),
            Url = $"{root}/api/gists/{gist.Uuid}",
        };
    }

    /// <summary>The full gist as read by <see cref="GistQueries.Detail(string, Func{GistRow, bool}, long, DetailLimits)"/>, seen by <paramref name="caller"/>.</summary>
    public Gist Detail(HttpContext context, GistDetailRows rows, ApiCaller caller)
    {
        var root = PublicUrl.Base(context, settings);
        var (gist, revision) = (rows.Gist, rows.Revision);
        // A parent the caller may not see stays hidden (Opengist leaks it).
        var parent = rows.Parent is { } row && GistAccess.CanSee(caller, row) ? row : null;
        return new Gist(Simple(root, gist, rows.Topics), parent is null ? null : Simple(root, parent, rows.Topics),
            rows.Forks.Select(f => Simple(root, f, rows.Topics)).ToArray(),
            rows.Files.ToDictionary(f => f.Filename, f => File(root, gist, revision, f)),
            Commits(root, gist, rows.Revisions, rows.Authors), truncated: rows.FileCount > MaxFilesShown);
    }

    private static GistFile File(string root, GistRow gist, RevisionRow revision, RevisionFileRow file)
    {
        var isText = FileContent.IsText(file.Content);
        var (content, truncated, encoding) = FileContent.ForApi(file.Content, isText);
        return new GistFile(file.Filename, FileContent.MimeType(file.Filename, file.Content, isText),
            FileContent.Language(file.Filename, isText), file.Size, truncated, content, encoding,
            $"{root}/api/gists/{gist.Uuid}/files/{revision.Version}/{Uri.EscapeDataString(file.Filename)}");
    }

    public IReadOnlyList<GistCommit> Commits(HttpContext context, GistRow gist, IReadOnlyList<RevisionRow> revisions) =>
        Commits(PublicUrl.Base(context, settings), gist, revisions, users.FindByEmails(revisions.Select(r => r.AuthorEmail)));

    /// <summary>The revisions as commits, each with the user its email names, if any (<paramref name="authors"/>).</summary>
    private static GistCommit[] Commits(string root, GistRow gist, IReadOnlyList<RevisionRow> revisions, IReadOnlyList<UserRow> authors)
    {
        var byEmail = authors.ToDictionary(u => u.Email, StringComparer.OrdinalIgnoreCase);
        return revisions.Select(r => new GistCommit(
            $"{root}/api/gists/{gist.Uuid}/{r.Version}",
            r.Version,
            new CommitAuthor(r.AuthorName, r.AuthorEmail),
            byEmail.TryGetValue(r.AuthorEmail, out var user) ? User(user) : null,
            new CommitChangeStatus(r.FilesChanged, r.Additions, r.Deletions, r.Additions + r.Deletions),
            Utc(r.CreatedAt))).ToArray();
    }
}

/// <summary>Opengist's single-gist rule: public and unlisted for everyone, private only for its owner holding gist:read.</summary>
internal static class GistAccess
{
    public static bool CanSee(ApiCaller caller, GistRow gist) =>
        (Visibility)gist.Visibility != Visibility.Private || (caller.Owns(gist) && caller.CanSeeOwnHidden);
}
