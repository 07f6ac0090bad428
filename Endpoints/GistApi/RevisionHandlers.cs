using System.Text.RegularExpressions;
using PasteLite.Gists;

namespace PasteLite.Endpoints.GistApi;

/// <summary>A gist's history: its commits, the gist at a revision, and raw files.</summary>
internal static partial class RevisionHandlers
{
    [GeneratedRegex("^[0-9a-fA-F]{4,40}$")]
    private static partial Regex RevisionFormat();

    // Commits and AtRevision read on one snapshot (GistQueries.Snapshot): a gist deleted meanwhile is wholly there or a 404.
    // RawFile needs none: whichever of its reads misses the deleted gist answers 404.
    public static IResult Commits(HttpContext context, string uuid, [AsParameters] GistServices s) => s.Queries.Snapshot(() =>
    {
        if (GistHandlers.FindVisible(s, context, uuid) is not { } gist || s.Queries.HeadRevision(gist.Id) is not { } head)
            return ApiErrors.NotFoundError(ApiErrors.GistNotFound);
        Paging.TryRead(context.Request, out var paging, out _); // `since` does not apply to commits
        var revisions = s.Queries.Revisions(gist.Id, head.Id, paging.Offset, paging.PerPage + 1);
        paging.WriteHeaders(context, s.Settings, hasMore: revisions.Count > paging.PerPage, total: null);
        return JsonAnswer.Of(s.Views.Commits(context, gist, revisions.Take(paging.PerPage).ToArray()),
            GistJsonContext.Default.IReadOnlyListGistCommit);
    });

    public static IResult AtRevision(HttpContext context, string uuid, string sha, [AsParameters] GistServices s) => s.Queries.Snapshot(() =>
    {
        if (GistHandlers.FindVisible(s, context, uuid) is not { } gist) return ApiErrors.NotFoundError(ApiErrors.GistNotFound);
        if (!RevisionFormat().IsMatch(sha)) return ApiErrors.BadRequest(ApiErrors.InvalidRevision);
        if (s.Queries.Revision(gist.Id, sha) is not { } revision) return ApiErrors.NotFoundError(ApiErrors.RevisionNotFound);
        var caller = context.Caller();
        return JsonAnswer.Of(s.Views.Detail(context, s.Queries.Detail(gist, revision, caller.UserId, GistViews.Limits), caller),
            GistJsonContext.Default.Gist);
    });

    /// <summary>The full file as stored, never rendered: text as text/plain, anything else as a download.</summary>
    public static IResult RawFile(HttpContext context, string uuid, string sha, string filename, [AsParameters] GistServices s)
    {
        if (GistHandlers.FindVisible(s, context, uuid) is not { } gist) return ApiErrors.NotFoundError(ApiErrors.GistNotFound);
        if (!RevisionFormat().IsMatch(sha)) return ApiErrors.BadRequest(ApiErrors.InvalidRevision);
        var file = s.Queries.Revision(gist.Id, sha) is { } revision ? s.Queries.File(revision.Id, filename) : null;
        if (file is null) return ApiErrors.NotFoundError(ApiErrors.FileNotFound);

        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        headers.ContentDisposition = $"inline; filename=\"{Uri.EscapeDataString(file.Filename)}\"";
        var contentType = FileContent.IsText(file.Content) ? "text/plain; charset=utf-8" : "application/octet-stream";
        return TypedResults.Bytes(file.Content, contentType);
    }
}
