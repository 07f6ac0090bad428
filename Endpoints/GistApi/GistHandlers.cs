using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Gists;
using PasteLite.Hosting;

namespace PasteLite.Endpoints.GistApi;

/// <summary>The services a Gist API handler needs, bound in one parameter (explicitly: inference would take a body).</summary>
internal sealed record GistServices(
    [FromServices] GistQueries Queries, [FromServices] GistWriter Writer, [FromServices] GistViews Views,
    [FromServices] UserStore Users, [FromServices] Settings Settings, [FromServices] TimeProvider Clock);

/// <summary>Gists themselves: lists, create, get, update, delete.</summary>
internal static class GistHandlers
{
    /// <summary>The gist if it exists, is live and the caller may see it; else null (existence stays hidden).</summary>
    public static GistRow? FindVisible(GistServices s, HttpContext context, string uuid) =>
        s.Queries.FindByUuid(uuid) is { } gist && GistAccess.CanSee(context.Caller(), gist) ? gist : null;

    /// <summary>Runs a list query with paging and writes the headers; the shared path of every gist list.</summary>
    public static IResult List(GistServices s, HttpContext context, Func<Paging, GistFilter> filter, bool withSince = true)
    {
        if (!Paging.TryRead(context.Request, out var paging, out var error)) return error!;
        var query = filter(paging) with { UpdatedSince = withSince ? paging.Since : null };
        var (page, total) = s.Queries.List(query, paging.Offset, paging.PerPage);
        paging.WriteHeaders(context, s.Settings, hasMore: paging.Offset + page.Count < total, total);
        return JsonAnswer.Of(s.Views.Simple(context, page), GistJsonContext.Default.IReadOnlyListGistSimple);
    }

    public static IResult ListGists(HttpContext context, [AsParameters] GistServices s)
    {
        var caller = context.Caller();
        return List(s, context, _ => caller.IsAnonymous
            ? new GistFilter { PublicOnly = true }
            : new GistFilter { OwnerId = caller.UserId, VisibleAs = caller.VisibleAs });
    }

    public static IResult ListPublic(HttpContext context, [AsParameters] GistServices s) =>
        List(s, context, _ => new GistFilter { PublicOnly = true });

    public static IResult ListLiked(HttpContext context, [AsParameters] GistServices s) =>
        List(s, context, _ => new GistFilter { LikedBy = context.Caller().UserId, VisibleAs = context.Caller().VisibleAs });

    public static IResult ListForked(HttpContext context, [AsParameters] GistServices s) =>
        List(s, context, _ => new GistFilter { OwnerId = context.Caller().UserId, ForksOnly = true, VisibleAs = context.Caller().VisibleAs });

    public static async Task<IResult> Create(HttpContext context, [AsParameters] GistServices s)
    {
        var (input, bindError) = await GistInputs.ReadAsync(context.Request);
        if (input is null) return bindError!;
        var (files, fileProblem) = GistFiles.ForCreate(input.Files);
        if (fileProblem is not null) return ApiErrors.Unprocessable(fileProblem);
        var (visibility, visibilityError) = GistInputs.ResolveVisibility(input.Visibility, input.Public);
        if (visibilityError is not null) return visibilityError;
        var (expiresAt, expiryProblem) = GistExpiry.Resolve(input.Expire, input.ExpiresAt, s.Clock.GetUtcNow());
        if (expiryProblem is not null) return ApiErrors.Unprocessable(expiryProblem);
        if (GistInputs.Validate(input.Title, input.Description, files) is { } problem) return ApiErrors.Unprocessable(problem);

        var caller = context.Caller();
        var title = GistFiles.TitleOr(input.Title, files);
        var uuid = s.Writer.Create(new Author(caller.UserId, caller.User!.Username, caller.User.Email), title,
            input.Description ?? "", visibility ?? Visibility.Public, expiresAt, files);

        // Null: deleted right after it was made.
        if (s.Queries.Detail(uuid, _ => true, caller.UserId, GistViews.Limits) is not { } created) return ApiErrors.NotFoundError(ApiErrors.GistNotFound);
        context.Response.Headers.Location = $"{PublicUrl.Base(context, s.Settings)}/api/gists/{uuid}";
        return JsonAnswer.Of(s.Views.Detail(context, created, caller), GistJsonContext.Default.Gist, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>The gist, its head revision and all the view shows come from one snapshot: a gist deleted meanwhile is a 404.</summary>
    public static IResult Get(HttpContext context, string uuid, [AsParameters] GistServices s)
    {
        var caller = context.Caller();
        return s.Queries.Detail(uuid, gist => GistAccess.CanSee(caller, gist), caller.UserId, GistViews.Limits) is { } rows
            ? JsonAnswer.Of(s.Views.Detail(context, rows, caller), GistJsonContext.Default.Gist)
            : ApiErrors.NotFoundError(ApiErrors.GistNotFound);
    }

    public static async Task<IResult> Update(HttpContext context, string uuid, [AsParameters] GistServices s)
    {
        var caller = context.Caller();
        if (FindVisible(s, context, uuid) is not { } gist) return ApiErrors.NotFoundError(ApiErrors.GistNotFound);
        if (!caller.Owns(gist)) return ApiErrors.Forbidden(ApiErrors.NotOwner);
        if (gist.Archived) return ApiErrors.Forbidden(ApiErrors.Archived);
        var (input, bindError) = await GistInputs.ReadAsync(context.Request);
        if (input is null) return bindError!;
        if (input.Title is null && input.Description is null && input.Visibility is null && input.Files is not { Count: > 0 })
            return ApiErrors.Unprocessable("at least one of description, title, visibility, or files must be set");
        var (visibility, visibilityError) = GistInputs.ResolveVisibility(input.Visibility, null);
        if (visibilityError is not null) return visibilityError;

        var author = new Author(caller.UserId, caller.User!.Username, caller.User.Email);
        var (outcome, problem) = s.Writer.Edit(gist, author, head =>
        {
            IReadOnlyList<NewFile>? files = null;
            if (input.Files is { Count: > 0 })
            {
                var (merged, mergeProblem) = GistFiles.Merge(head(), input.Files);
                if (mergeProblem is not null) return (null, mergeProblem);
                files = merged;
            }
            return GistInputs.Validate(input.Title, input.Description, files ?? [new NewFile("-", [])]) is { } invalid
                ? (null, invalid)
                : (new GistEdit(input.Title, input.Description, visibility, files), null);
        });
        if (outcome == EditOutcome.Refused) return ApiErrors.Unprocessable(problem!);
        // Gone: deleted since it was found (or right after the edit).
        if (outcome == EditOutcome.Gone || s.Queries.Detail(uuid, _ => true, caller.UserId, GistViews.Limits) is not { } updated)
            return ApiErrors.NotFoundError(ApiErrors.GistNotFound);
        return JsonAnswer.Of(s.Views.Detail(context, updated, caller), GistJsonContext.Default.Gist);
    }

    public static IResult Delete(HttpContext context, string uuid, [AsParameters] GistServices s)
    {
        if (FindVisible(s, context, uuid) is not { } gist) return ApiErrors.NotFoundError(ApiErrors.GistNotFound);
        if (!context.Caller().Owns(gist)) return ApiErrors.Forbidden(ApiErrors.NotOwner);
        return s.Writer.Delete(gist) ? TypedResults.NoContent() : ApiErrors.NotFoundError(ApiErrors.GistNotFound);
    }
}

/// <summary>Opengist's create-time expiry: `expire` presets, or `expires_at` (forces custom), which must lie in the future.</summary>
internal static class GistExpiry
{
    private static readonly Dictionary<string, TimeSpan?> Presets = new()
    {
        ["never"] = null, ["1hour"] = TimeSpan.FromHours(1), ["12hours"] = TimeSpan.FromHours(12),
        ["1day"] = TimeSpan.FromDays(1), ["7days"] = TimeSpan.FromDays(7), ["15days"] = TimeSpan.FromDays(15),
    };

    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    /// <summary>Unix seconds (0 = never), or a validation message.</summary>
    public static (long ExpiresAt, string? Problem) Resolve(string? expire, string? expiresAt, DateTimeOffset now)
    {
        if (expiresAt is not null)
        {
            DateTimeOffset when;
            if (DateTime.TryParseExact(expiresAt, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local))
                when = new DateTimeOffset(local);
            else if (!expiresAt.Contains('T') || !DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out when))
                return (0, "Key: 'GistDTO.ExpireAt' Error:Field validation for 'ExpireAt' failed on the 'expirationdate' tag");
            return when > now ? (when.ToUnixTimeSeconds(), null)
                : (0, "Key: 'GistDTO.ExpireAt' Error:Field validation for 'ExpireAt' failed on the 'expirationdate' tag");
        }
        if (expire is null || expire == "custom") return (0, null);
        if (!Presets.TryGetValue(expire, out var span))
            return (0, "Key: 'GistDTO.Expire' Error:Field validation for 'Expire' failed on the 'oneof' tag");
        return (span is { } d ? (now + d).ToUnixTimeSeconds() : 0, null);
    }
}
