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

    private static DateTime Utc(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime;

    public static SimpleUser User(UserRow user) => new(user.Id, user.Username, user.Username, "", "User", Utc(user.CreatedAt));

    public static PrivateUser Private(UserRow user) =>
        new(user.Id, user.Username, user.Username, "", "User", Utc(user.CreatedAt), user.Email);

    public IReadOnlyList<GistSimple> Simple(HttpContext context, IReadOnlyList<GistRow> rows)
    {
        var topics = rows.Count == 0 ? null : queries.Topics(rows.Select(r => r.Id));
        return rows.Select(r => Simple(context, r, topics?[r.Id].ToArray() ?? [])).ToArray();
    }

    public GistSimple Simple(HttpContext context, GistRow gist) => Simple(context, [gist])[0];

    private GistSimple Simple(HttpContext context, GistRow gist, IReadOnlyList<string> topics)
    {
        var root = PublicUrl.Base(context, settings);
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
            Topics = topics,
            Archived = gist.Archived,
            CreatedAt = Utc(gist.CreatedAt),
            UpdatedAt = Utc(gist.UpdatedAt),
            ExpiresAt = gist.ExpiresAt == 0 ? null : Utc(gist.ExpiresAt),
            Url = $"{root}/api/gists/{gist.Uuid}",
        };
    }

    /// <summary>The full gist as of <paramref name="revision"/>, seen by <paramref name="caller"/>.</summary>
    public Gist Detail(HttpContext context, GistRow gist, RevisionRow revision, ApiCaller caller)
    {
        var root = PublicUrl.Base(context, settings);
        var (files, fileCount) = queries.Files(revision.Id, MaxFilesShown);
        var commits = Commits(context, gist, queries.Revisions(gist.Id, revision.Id, 0, CommitsShown));

        // A parent the caller may not see stays hidden (Opengist leaks it).
        var parent = gist.ForkedId is { } parentId ? queries.FindById(parentId) : null;
        if (parent is not null && !GistAccess.CanSee(caller, parent)) parent = null;
        var forks = queries.Page(new GistFilter { ForkOf = gist.Id, VisibleAs = caller.UserId }, 0, ForksShown);

        var rows = new List<GistRow> { gist };
        if (parent is not null) rows.Add(parent);
        rows.AddRange(forks);
        var simple = Simple(context, rows);

        return new Gist(simple[0], parent is null ? null : simple[1], simple.Skip(parent is null ? 1 : 2).ToArray(),
            files.ToDictionary(f => f.Filename, f => File(root, gist, revision, f)), commits, truncated: fileCount > MaxFilesShown);
    }

    private static GistFile File(string root, GistRow gist, RevisionRow revision, RevisionFileRow file)
    {
        var isText = FileContent.IsText(file.Content);
        var (content, truncated, encoding) = FileContent.ForApi(file.Content, isText);
        return new GistFile(file.Filename, FileContent.MimeType(file.Filename, file.Content, isText),
            FileContent.Language(file.Filename, isText), file.Size, truncated, content, encoding,
            $"{root}/api/gists/{gist.Uuid}/files/{revision.Version}/{Uri.EscapeDataString(file.Filename)}");
    }

    public IReadOnlyList<GistCommit> Commits(HttpContext context, GistRow gist, IReadOnlyList<RevisionRow> revisions)
    {
        var root = PublicUrl.Base(context, settings);
        var byEmail = users.FindByEmails(revisions.Select(r => r.AuthorEmail))
            .ToDictionary(u => u.Email, StringComparer.OrdinalIgnoreCase);
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
