using System.Text;
using PasteLite.Data;
using PasteLite.Gists;
using static PasteLite.Web.Html;
using static PasteLite.Web.Pages.GistHtml;

namespace PasteLite.Web.Pages;

/// <summary>/{user}/{gist}/revisions: every revision, newest first, with a unified diff per changed file.</summary>
internal static class RevisionPages
{
    public const int RevisionsPerPage = 10;
    /// <summary>Diff lines shown per file; past this the rest is behind the revision's raw files.</summary>
    public const int MaxDiffLinesShown = 2_000;

    /// <summary>The page reads on one snapshot (<see cref="GistQueries.Snapshot{T}"/>): a gist deleted meanwhile is whole or not found.</summary>
    public static IResult List(HttpContext context, string user, string gist) =>
        context.RequestServices.GetRequiredService<GistQueries>().Snapshot(() => ListSnapshot(context, user, gist));

    private static IResult ListSnapshot(HttpContext context, string user, string gist)
    {
        if (WebAccess.RequireLogin(context, singleItem: true) is { } login) return login;
        var queries = context.RequestServices.GetRequiredService<GistQueries>();
        if (GistPages.FindVisible(context, user, gist) is not { } row || queries.HeadRevision(row.Id) is not { } head) return Layout.NotFound(context);
        var page = PageNumber(context);
        var revisions = queries.Revisions(row.Id, head.Id, (page - 1) * RevisionsPerPage, RevisionsPerPage + 1);

        var body = new StringBuilder(GistPages.Header(context, row, "revisions"));
        if (revisions.Count == 0) body.Append("<p class=\"muted\">No revisions on this page.</p>");
        foreach (var revision in revisions.Take(RevisionsPerPage))
            body.Append(Revision(queries, row, revision));
        body.Append(Pager($"{GistPath(row)}/revisions", page, revisions.Count > RevisionsPerPage));
        return Layout.Page(context, $"Revisions · {DisplayTitle(row)}", body.ToString());
    }

    private static string Revision(GistQueries queries, GistRow gist, RevisionRow revision)
    {
        var parent = revision.ParentVersion is { } parentVersion ? queries.Revision(gist.Id, parentVersion) : null;
        var before = parent is null ? new Dictionary<string, RevisionFileRow>()
            : queries.Files(parent.Id, int.MaxValue).Files.ToDictionary(f => f.Filename, StringComparer.Ordinal);
        var after = queries.Files(revision.Id, int.MaxValue).Files.ToDictionary(f => f.Filename, StringComparer.Ordinal);

        var html = new StringBuilder($"""
            <section class="revision">
            <h2><a href="{GistPath(gist)}/rev/{U(revision.Version)}"><code>{E(revision.Version[..7])}</code></a>
            <span class="muted">by {E(revision.AuthorName)} · {Time(revision.CreatedAt)}</span>
            <span class="stat"><span class="plus">+{revision.Additions}</span> <span class="minus">−{revision.Deletions}</span></span></h2>
            """);
        var names = before.Keys.Union(after.Keys).Order(StringComparer.Ordinal);
        var changed = 0;
        foreach (var name in names)
        {
            var old = before.GetValueOrDefault(name);
            var now = after.GetValueOrDefault(name);
            if (old is not null && now is not null && old.BlobHash == now.BlobHash) continue;
            changed++;
            html.Append(FileDiff(name, old, now));
        }
        if (changed == 0) html.Append("<p class=\"muted\">No file changed in this revision.</p>");
        return html.Append("</section>").ToString();
    }

    private static string FileDiff(string name, RevisionFileRow? old, RevisionFileRow? now)
    {
        var status = old is null ? "added" : now is null ? "deleted" : "changed";
        var head = $"<div class=\"file-head\"><strong>{E(name)}</strong><span class=\"muted\">{status}</span></div>";
        string body;
        if ((old is not null && !FileContent.IsText(old.Content)) || (now is not null && !FileContent.IsText(now.Content)))
            body = $"<p class=\"binary\">Binary file {status}{(now is null ? "" : $", now {now.Size} bytes")}.</p>";
        else if (UnifiedDiff.Hunks(Text(old), Text(now)) is not { } hunks)
            body = "<p class=\"binary\">This file is too large to diff.</p>";
        else
            body = Hunks(hunks);
        return $"<div class=\"file diff\">{head}{body}</div>";
    }

    private static string? Text(RevisionFileRow? file) => file is null ? null : Encoding.UTF8.GetString(file.Content);

    private static string Hunks(IReadOnlyList<DiffHunk> hunks)
    {
        // One inline-block around the lines: as wide as the longest line, so every line's colour spans the scroll width.
        var html = new StringBuilder("<pre><span class=\"body\">");
        var shown = 0;
        foreach (var hunk in hunks)
        {
            html.Append($"<span class=\"hunk\">{hunk.Header}</span>");
            foreach (var line in hunk.Lines)
            {
                if (++shown > MaxDiffLinesShown)
                    return html.Append($"<span class=\"hunk\">… the rest of this diff is not shown ({MaxDiffLinesShown} lines at most)</span></span></pre>").ToString();
                var (css, sign) = line.Kind switch
                {
                    DiffKind.Added => ("add", '+'),
                    DiffKind.Removed => ("del", '-'),
                    _ => ("ctx", ' '),
                };
                html.Append($"<span class=\"{css}\">{sign}{E(line.Text.TrimEnd('\r'))}</span>");
            }
        }
        return html.Append("</span></pre>").ToString();
    }
}
