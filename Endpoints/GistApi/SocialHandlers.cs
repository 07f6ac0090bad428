using PasteLite.Hosting;

namespace PasteLite.Endpoints.GistApi;

/// <summary>Forks, likes (Opengist's toggle) and stars (GitHub's idempotent semantics).</summary>
internal static class SocialHandlers
{
    /// <summary>The gist and its forks on one snapshot: a gist deleted meanwhile is a 404, not an empty list.</summary>
    public static IResult ListForks(HttpContext context, string uuid, [AsParameters] GistServices s) => s.Queries.Snapshot(() =>
    {
        if (GistHandlers.FindVisible(s, context, uuid) is not { } gist) return ApiErrors.NotFoundError(ApiErrors.GistNotFound);
        // As upstream: forks show when public or the caller's own, with or without gist:read.
        return GistHandlers.List(s, context, _ => new Data.GistFilter { ForkOf = gist.Id, VisibleAs = context.Caller().UserId }, withSince: false);
    });

    public static IResult Fork(HttpContext context, string uuid, [AsParameters] GistServices s)
    {
        var caller = context.Caller();
        if (GistHandlers.FindVisible(s, context, uuid) is not { } parent) return ApiErrors.NotFoundError(ApiErrors.GistNotFound);
        if (caller.Owns(parent)) return ApiErrors.Unprocessable("cannot fork your own gist");
        // Null: the parent, or the fork just found, was deleted meanwhile.
        if (s.Writer.Fork(parent, caller.UserId) is not (string forkUuid, bool created) || s.Queries.FindByUuid(forkUuid) is not { } fork)
            return ApiErrors.NotFoundError(ApiErrors.GistNotFound);
        context.Response.Headers.Location = $"{PublicUrl.Base(context, s.Settings)}/api/gists/{fork.Uuid}";
        return JsonAnswer.Of(s.Views.Simple(context, fork), GistJsonContext.Default.GistSimple,
            statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>GET like/star: 204 when the caller likes the gist, an empty 404 otherwise.</summary>
    public static IResult CheckLike(HttpContext context, string uuid, [AsParameters] GistServices s) =>
        GistHandlers.FindVisible(s, context, uuid) is { } gist && s.Queries.HasLiked(context.Caller().UserId, gist.Id)
            ? TypedResults.NoContent() : ApiErrors.EmptyNotFound();

    /// <summary>PUT like: Opengist's toggle.</summary>
    public static IResult ToggleLike(HttpContext context, string uuid, [AsParameters] GistServices s)
    {
        if (GistHandlers.FindVisible(s, context, uuid) is not { } gist) return ApiErrors.EmptyNotFound();
        // False: deleted since it was found.
        return s.Writer.ToggleLike(context.Caller().UserId, gist.Id) ? TypedResults.NoContent() : ApiErrors.EmptyNotFound();
    }

    /// <summary>PUT star: GitHub's star, idempotent.</summary>
    public static IResult Star(HttpContext context, string uuid, [AsParameters] GistServices s) => SetLike(context, uuid, s, true);

    /// <summary>DELETE star: GitHub's unstar, idempotent.</summary>
    public static IResult Unstar(HttpContext context, string uuid, [AsParameters] GistServices s) => SetLike(context, uuid, s, false);

    private static IResult SetLike(HttpContext context, string uuid, GistServices s, bool liked)
    {
        if (GistHandlers.FindVisible(s, context, uuid) is not { } gist) return ApiErrors.EmptyNotFound();
        return s.Writer.SetLike(context.Caller().UserId, gist.Id, liked) ? TypedResults.NoContent() : ApiErrors.EmptyNotFound();
    }
}
