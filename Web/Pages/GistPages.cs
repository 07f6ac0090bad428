using System.Text;
using System.Text.RegularExpressions;
using PasteLite.Data;
using PasteLite.Gists;
using static PasteLite.Web.Html;
using static PasteLite.Web.Pages.GistHtml;

namespace PasteLite.Web.Pages;

/// <summary>A gist in the browser: /{user}/{gist} (the API's html_url), a past revision, raw files, fork, like, delete.</summary>
internal static partial class GistPages
{
    public const int MaxFilesShown = 100;

    [GeneratedRegex("^[0-9a-fA-F]{4,40}$")]
    private static partial Regex VersionFormat();

    private static T Service<T>(HttpContext context) where T : notnull => context.RequestServices.GetRequiredService<T>();

    /// <summary>
    /// The gist at /{user}/{gist} when it exists, is live, belongs to that user and the viewer may see it; else null
    /// (a private gist of someone else is indistinguishable from none). `raw` as a second segment is a paste's, never a gist.
    /// </summary>
    public static GistRow? FindVisible(HttpContext context, string user, string gist)
    {
        if (gist == "raw") return null;
        var row = Service<GistQueries>(context).FindByUuid(gist);
        return row is not null && row.OwnerName.Equals(user, StringComparison.OrdinalIgnoreCase)
            && WebAccess.CanSee(WebSession.User(context), row) ? row : null;
    }

    public static IResult View(HttpContext context, string user, string gist) => Render(context, user, gist, null);

    public static IResult AtRevision(HttpContext context, string user, string gist, string sha) => Render(context, user, gist, sha);

    /// <summary>The page reads on one snapshot (<see cref="GistQueries.Snapshot{T}"/>): a gist deleted meanwhile is whole or not found.</summary>
    private static IResult Render(HttpContext context, string user, string uuid, string? sha) =>
        Service<GistQueries>(context).Snapshot(() => RenderSnapshot(context, user, uuid, sha));

    private static IResult RenderSnapshot(HttpContext context, string user, string uuid, string? sha)
    {
        if (WebAccess.RequireLogin(context, singleItem: true) is { } login) return login;
        var queries = Service<GistQueries>(context);
        if (FindVisible(context, user, uuid) is not { } gist || queries.HeadRevision(gist.Id) is not { } head) return Layout.NotFound(context);
        var revision = head;
        if (sha is not null)
        {
            if (!VersionFormat().IsMatch(sha) || queries.Revision(gist.Id, sha) is not { } found) return Layout.NotFound(context);
            revision = found;
        }

        var (files, count) = queries.Files(revision.Id, MaxFilesShown);
        var body = new StringBuilder(Header(context, gist, "code"));
        if (revision.Id != head.Id)
            body.Append($"<p class=\"notice\">This is revision {E(revision.Version[..7])} from {Time(revision.CreatedAt)}. <a href=\"{GistPath(gist)}\">See the latest</a>.</p>");
        if (count > files.Count) body.Append($"<p class=\"muted\">Showing {files.Count} of {count} files.</p>");
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            var anchor = Anchor(files[i].Filename);
            while (!anchors.Add(anchor)) anchor += "-" + i;
            body.Append(File(gist, revision, files[i], anchor, $"source-{i}"));
        }
        return Layout.Page(context, DisplayTitle(gist), body.ToString());
    }

    /// <summary>Title, owner, visibility, dates, fork origin, the Code/Revisions tabs and the actions the viewer may take.</summary>
    public static string Header(HttpContext context, GistRow gist, string tab)
    {
        var viewer = WebSession.User(context);
        var queries = Service<GistQueries>(context);
        var path = GistPath(gist);
        var parent = gist.ForkedId is { } parentId ? queries.FindById(parentId) : null;
        var forkedFrom = parent is not null && WebAccess.CanSee(viewer, parent)
            ? $"<p class=\"muted\">forked from <a href=\"{GistPath(parent)}\">{E(parent.OwnerName)} / {E(DisplayTitle(parent))}</a></p>"
            : "";

        var actions = new StringBuilder();
        if (viewer is null)
        {
            var login = "/-/login?return=" + Uri.EscapeDataString(path);
            actions.Append($"<a class=\"button secondary\" href=\"{login}\">Like · {gist.NbLikes}</a>");
            actions.Append($"<a class=\"button secondary\" href=\"{login}\">Fork · {gist.NbForks}</a>");
        }
        else
        {
            var liked = queries.HasLiked(viewer.Id, gist.Id);
            actions.Append($"""
                <form method="post" action="{path}/like" class="inline">{Csrf.Field(context)}<input type="hidden" name="like" value="{(liked ? "0" : "1")}"><button type="submit" class="secondary">{(liked ? "Unlike" : "Like")} · {gist.NbLikes}</button></form>
                """);
            if (WebAccess.Owns(viewer, gist))
                actions.Append($"<span class=\"muted\">{Count(gist.NbForks, "fork")}</span>");
            else
                actions.Append($"""
                    <form method="post" action="{path}/fork" class="inline">{Csrf.Field(context)}<button type="submit" class="secondary">Fork · {gist.NbForks}</button></form>
                    """);
            if (WebAccess.Owns(viewer, gist))
            {
                if (!gist.Archived) actions.Append($"<a class=\"button secondary\" href=\"{path}/edit\">Edit</a>");
                actions.Append($"""
                    <form method="post" action="{path}/delete" class="inline" data-confirm="Delete this gist and all its revisions?">{Csrf.Field(context)}<button type="submit" class="danger">Delete</button></form>
                    """);
            }
        }

        var expires = gist.ExpiresAt != 0 ? $" · expires {Time(gist.ExpiresAt)}" : "";
        return $"""
            <section class="gist-head">
            <h1><a href="{UserPath(gist.OwnerName)}">{E(gist.OwnerName)}</a> / <a href="{path}">{E(DisplayTitle(gist))}</a> {Badge(gist)}</h1>
            {forkedFrom}
            {(gist.Description.Length > 0 ? $"<p class=\"description\">{E(gist.Description)}</p>" : "")}
            <p class="muted">Created {Time(gist.CreatedAt)} · updated {Time(gist.UpdatedAt)}{expires}</p>
            <div class="actions">{actions}</div>
            <nav class="tabs"><a href="{path}"{(tab == "code" ? " class=\"current\"" : "")}>Code</a><a href="{path}/revisions"{(tab == "revisions" ? " class=\"current\"" : "")}>Revisions</a></nav>
            </section>
            """;
    }

    private static string File(GistRow gist, RevisionRow revision, RevisionFileRow file, string anchor, string codeId)
    {
        var raw = $"{GistPath(gist)}/raw/{U(revision.Version)}/{U(file.Filename)}";
        var isText = FileContent.IsText(file.Content);
        var links = $"<a href=\"{raw}\">Raw</a><a href=\"{raw}?download=1\" download=\"{E(file.Filename)}\">Download</a>";
        string view;
        if (!isText)
            view = $"<p class=\"binary\">Binary file, {file.Size} bytes. <a href=\"{raw}?download=1\" download=\"{E(file.Filename)}\">Download it</a>.</p>";
        else
        {
            var (text, truncated, _) = FileContent.ForApi(file.Content, true);
            var cut = truncated ? $"<p class=\"muted binary\">Only the first {Size(FileContent.TruncateBytes)} are shown: <a href=\"{raw}\">see the whole file</a>.</p>" : "";
            var code = Code(text, HighlightLanguage(file.Filename), anchor, codeId);
            view = MarkdownView.IsMarkdown(file.Filename)
                ? $"<div class=\"markdown\">{MarkdownView.Render(text)}</div>{cut}<details class=\"source\"><summary>Source</summary>{code}</details>"
                : cut + code;
            links = $"<button type=\"button\" class=\"secondary small hidden\" data-copy=\"{codeId}\" data-label=\"Copy\">Copy</button>" + links;
        }
        return $"""
            <div class="file" id="{anchor}">
            <div class="file-head"><a href="#{anchor}"><strong>{E(file.Filename)}</strong></a><span class="muted">{E(FileContent.Language(file.Filename, isText))} · {Size(file.Size)}</span><span class="actions">{links}</span></div>
            {view}
            </div>
            """;
    }

    /// <summary>A file as stored, never rendered: text as text/plain, anything else as a download; ?download=1 always downloads.</summary>
    public static IResult Raw(HttpContext context, string user, string gist, string sha, string file)
    {
        if (WebAccess.RequireLogin(context, singleItem: true) is { } login) return login;
        if (FindVisible(context, user, gist) is not { } row || !VersionFormat().IsMatch(sha)) return Layout.NotFound(context);
        var queries = Service<GistQueries>(context);
        var stored = queries.Revision(row.Id, sha) is { } revision ? queries.File(revision.Id, file) : null;
        if (stored is null) return Layout.NotFound(context);

        var isText = FileContent.IsText(stored.Content);
        var download = context.Request.Query.ContainsKey("download") || !isText;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        headers.CacheControl = "no-store";
        headers.ContentDisposition = $"{(download ? "attachment" : "inline")}; filename*=UTF-8''{Uri.EscapeDataString(stored.Filename)}";
        return TypedResults.Bytes(stored.Content, isText ? "text/plain; charset=utf-8" : "application/octet-stream");
    }

    /// <summary>Fork for a signed-in non-owner; a second fork goes to the one already made.</summary>
    public static async Task<IResult> Fork(HttpContext context, string user, string gist)
    {
        var (form, error) = await Forms.ReadAsync(context);
        if (form is null) return error!;
        if (WebSession.User(context) is not { } viewer) return WebAccess.LoginRedirect(context, RoutePath(user, gist));
        if (FindVisible(context, user, gist) is not { } parent) return Layout.NotFound(context);
        if (WebAccess.Owns(viewer, parent))
            return Layout.Message(context, "Cannot fork", "This gist is yours already: edit it instead.", StatusCodes.Status422UnprocessableEntity);
        // Null: the parent, or the fork just found, was deleted meanwhile.
        if (Service<GistWriter>(context).Fork(parent, viewer.Id) is not (string uuid, _) || Service<GistQueries>(context).FindByUuid(uuid) is not { } fork)
            return Layout.NotFound(context);
        return Results.Redirect(GistPath(fork));
    }

    /// <summary>Like (like=1) or unlike (like=0): idempotent, so a double submit does not flip it back.</summary>
    public static async Task<IResult> Like(HttpContext context, string user, string gist)
    {
        var (form, error) = await Forms.ReadAsync(context);
        if (form is null) return error!;
        if (WebSession.User(context) is not { } viewer) return WebAccess.LoginRedirect(context, RoutePath(user, gist));
        if (FindVisible(context, user, gist) is not { } row) return Layout.NotFound(context);
        if (!Service<GistWriter>(context).SetLike(viewer.Id, row.Id, form["like"] != "0")) return Layout.NotFound(context); // deleted meanwhile
        return Results.Redirect(GistPath(row));
    }

    public static async Task<IResult> Delete(HttpContext context, string user, string gist)
    {
        var (form, error) = await Forms.ReadAsync(context);
        if (form is null) return error!;
        if (WebSession.User(context) is not { } viewer) return WebAccess.LoginRedirect(context, RoutePath(user, gist));
        if (FindVisible(context, user, gist) is not { } row) return Layout.NotFound(context);
        if (!WebAccess.Owns(viewer, row)) return NotOwner(context);
        if (!Service<GistWriter>(context).Delete(row)) return Layout.NotFound(context);
        return Results.Redirect(UserPath(row.OwnerName));
    }

    /// <summary>The gist page's path as requested, for a login redirect that must not reveal whether the gist exists.</summary>
    public static string RoutePath(string user, string gist) => $"/{U(user)}/{U(gist)}";

    public static IResult NotOwner(HttpContext context) =>
        Layout.Message(context, "Not yours", "Only the owner of this gist can change it.", StatusCodes.Status403Forbidden);
}
