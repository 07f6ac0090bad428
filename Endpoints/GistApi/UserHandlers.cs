using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using System.Text.Json;
using PasteLite.Auth;
using PasteLite.Data;

namespace PasteLite.Endpoints.GistApi;

/// <summary>The caller's account and other users' profiles and gist lists.</summary>
internal static class UserHandlers
{
    public static IResult Me(HttpContext context) =>
        JsonAnswer.Of(GistViews.Private(context.Caller().User!), GistJsonContext.Default.PrivateUser);

    public static async Task<IResult> UpdateMe(HttpContext context, [AsParameters] GistServices s)
    {
        var me = context.Caller().User!;
        var (username, email, bindError) = await ReadUserUpdateAsync(context.Request);
        if (bindError is not null) return bindError;
        if (username is null && email is null) return ApiErrors.Unprocessable("at least one of username or email must be set");
        // A change of letter case only is ignored, as Opengist does.
        if (username is not null && username.Equals(me.Username, StringComparison.OrdinalIgnoreCase)) username = null;
        if (username is not null && Usernames.Validate(username) is { } problem) return ApiErrors.Unprocessable(problem);
        if (!s.Users.Update(me.Id, username, email)) return ApiErrors.Conflict("username already taken");
        // Deleted meanwhile (the admin panel, the CLI): its tokens went with it.
        return s.Users.FindById(me.Id) is { } updated
            ? JsonAnswer.Of(GistViews.Private(updated), GistJsonContext.Default.PrivateUser)
            : ApiErrors.Unauthorized(ApiErrors.BadCredentials);
    }

    private static async Task<(string? Username, string? Email, IResult? Error)> ReadUserUpdateAsync(HttpRequest request)
    {
        var body = await new StreamReader(request.Body).ReadToEndAsync(request.HttpContext.RequestAborted);
        if (body.Trim().Length == 0) return (null, null, null);
        if (request.ContentType?.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase) != true)
            return (null, null, ApiErrors.Unprocessable(ApiErrors.CouldNotBind));
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null, ApiErrors.Unprocessable(ApiErrors.CouldNotBind));
            string? Field(string name) => root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.GetString() : null;
            return (Field("username"), Field("email"), null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return (null, null, ApiErrors.Unprocessable(ApiErrors.CouldNotBind));
        }
    }

    public static IResult ById(string id, [FromServices] UserStore users)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)) return ApiErrors.BadRequest("Invalid user id");
        return users.FindById(userId) is { } user
            ? JsonAnswer.Of(GistViews.User(user), GistJsonContext.Default.SimpleUser)
            : ApiErrors.NotFoundError(ApiErrors.UserNotFound);
    }

    public static IResult ByName(string username, [FromServices] UserStore users) =>
        users.FindByName(username) is { } user
            ? JsonAnswer.Of(GistViews.User(user), GistJsonContext.Default.SimpleUser)
            : ApiErrors.NotFoundError(ApiErrors.UserNotFound);

    public static IResult Gists(HttpContext context, string username, [AsParameters] GistServices s) =>
        UserList(context, username, s, (target, visibleAs) => new GistFilter { OwnerId = target, VisibleAs = visibleAs });

    public static IResult Liked(HttpContext context, string username, [AsParameters] GistServices s) =>
        UserList(context, username, s, (target, visibleAs) => new GistFilter { LikedBy = target, VisibleAs = visibleAs });

    public static IResult Forked(HttpContext context, string username, [AsParameters] GistServices s) =>
        UserList(context, username, s, (target, visibleAs) => new GistFilter { OwnerId = target, ForksOnly = true, VisibleAs = visibleAs });

    /// <summary>A user's lists show their non-public gists only to themselves, through a token with gist:read.</summary>
    private static IResult UserList(HttpContext context, string username, GistServices s, Func<long, long, GistFilter> filter)
    {
        if (s.Users.FindByName(username) is not { } target) return ApiErrors.NotFoundError(ApiErrors.UserNotFound);
        var caller = context.Caller();
        var visibleAs = caller.UserId == target.Id && caller.CanSeeOwnHidden ? target.Id : 0;
        return GistHandlers.List(s, context, _ => filter(target.Id, visibleAs));
    }
}
