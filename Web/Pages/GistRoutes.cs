using PasteLite.Hosting;
using PasteLite.Auth;

namespace PasteLite.Web.Pages;

/// <summary>
/// The gist pages' routes. Only two segments and more (plus /all and /-/new): the single segment /{name} is shared
/// by user pages and pastes, and its dispatcher calls <see cref="UserPages.TryRender"/>. The first segment must be a
/// valid, unreserved user name, so /api/..., /-/... and other instance paths never reach these routes.
/// </summary>
internal static class GistRoutes
{
    public const string OwnerConstraint = "gistowner";

    public static IServiceCollection AddGistPages(this IServiceCollection services) =>
        services.Configure<RouteOptions>(options => options.SetParameterPolicy<GistOwnerConstraint>(OwnerConstraint));

    public static void MapGistPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/all", (HttpContext context) => UserPages.All(context)).ExcludeFromDescription();
        app.MapGet("/-/new", (HttpContext context) => GistFormPages.NewForm(context)).ExcludeFromDescription();
        app.MapPost("/-/new", (Delegate)GistFormPages.Create).ExcludeFromDescription().WithBodyLimit(Limits.GistFormBody); // a Delegate, so the IResult is written

        // /{user}: user names that cannot be paste ids land here; the others reach the paste route, which falls back to
        // the user page when no paste has that id (see TerminalReads). Order 1, so every other single-segment route wins.
        app.MapGet($"/{{user:{OwnerConstraint}}}", (HttpContext context, string user) =>
            UserPages.TryRender(context, user) ?? Layout.NotFound(context)).ExcludeFromDescription().WithOrder(1);

        // Order 1: any other route that matches the same path wins, even where the constraint would rank these higher
        // (a constrained parameter outranks a plain one, so /{user:gistowner}/{gist} would beat pasty's /{id}/raw).
        var gist = app.MapGroup($"/{{user:{OwnerConstraint}}}/{{gist}}").ExcludeFromDescription().WithOrder(1);
        gist.MapGet("", GistPages.View);
        gist.MapGet("/rev/{sha}", GistPages.AtRevision);
        gist.MapGet("/raw/{sha}/{file}", GistPages.Raw);
        gist.MapGet("/revisions", RevisionPages.List);
        gist.MapGet("/edit", GistFormPages.EditForm);
        gist.MapPost("/edit", GistFormPages.Update).WithBodyLimit(Limits.GistFormBody);
        gist.MapPost("/fork", GistPages.Fork);
        gist.MapPost("/like", GistPages.Like);
        gist.MapPost("/delete", GistPages.Delete);
    }
}

/// <summary>Matches a segment that could be a user name (letters, digits, dashes; not reserved).</summary>
internal sealed class GistOwnerConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string name && Usernames.Validate(name) is null;
}
