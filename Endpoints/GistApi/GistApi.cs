using Microsoft.AspNetCore.Cors.Infrastructure;
using PasteLite.Auth;
using PasteLite.Data;

namespace PasteLite.Endpoints.GistApi;

/// <summary>Opengist's REST API under /api/, route by route, with the access each route asks for.</summary>
internal static class GistApi
{
    public const string CorsPolicy = "gist-api";
    private static readonly string[] AllMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    public static IServiceCollection AddGistApi(this IServiceCollection services)
    {
        services.AddSingleton<GistQueries>();
        services.AddSingleton<GistWriter>();
        services.AddSingleton<GistViews>();
        services.AddSingleton<ApiGate>();
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin().AllowAnyHeader()
            .WithMethods("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE")
            .WithExposedHeaders("Link", "X-Page", "X-Per-Page", "X-Total", "X-Total-Pages")));
        return services;
    }

    /// <summary>
    /// The framework's CORS middleware, only for endpoints that carry a CORS policy (the Gist API's; pasty's routes set
    /// their own headers). Run on every request, it filled HttpContext.Items and resolved its policy provider from a
    /// request scope: 17% of a paste read's allocations, 5-7% of a create's CPU (bench/RESULTS.md).
    /// </summary>
    public static void UseGistApiCors(this IApplicationBuilder app) =>
        app.UseWhen(context => context.GetEndpoint()?.Metadata.GetMetadata<ICorsMetadata>() is not null, branch => branch.UseCors());

    /// <summary>
    /// Unknown /api paths, and known paths with a method they lack, answer Opengist's JSON 404 (never 405), ungated.
    /// A middleware rather than a catch-all route, so pasty's /api/v2 keeps its own 404s and 405s.
    /// </summary>
    public static void UseGistApiNotFound(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var path = context.Request.Path;
        var unmatched = context.GetEndpoint() is not RouteEndpoint; // none, or routing's synthetic 405
        if (unmatched && path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/v2"))
            return ApiErrors.NotFoundError(ApiErrors.NotFound).ExecuteAsync(context);
        return next(context);
    });

    public static void MapGistApi(this IEndpointRouteBuilder app)
    {
        var gate = app.ServiceProvider.GetRequiredService<ApiGate>();
        var api = app.MapGroup("/api").RunBefore(gate.Refusal).RequireCors(CorsPolicy);

        var gists = api.MapGroup("/gists").WithTags("Gists");
        gists.MapGet("", GistHandlers.ListGists).WithName("listGists").Paged().Returns<IReadOnlyList<GistSimple>>(400);
        gists.MapPost("", GistHandlers.Create).WithName("createGist").RequiresGist(ScopeLevel.Write)
            .Body<GistCreateRequest>().Returns<Gist>(422, status: 201);
        gists.MapGet("/public", GistHandlers.ListPublic).WithName("listPublicGists").Paged().Returns<IReadOnlyList<GistSimple>>(400);
        gists.MapGet("/liked", GistHandlers.ListLiked).WithName("listLikedGists").RequiresAuth().Paged().Returns<IReadOnlyList<GistSimple>>(400);
        gists.MapGet("/starred", GistHandlers.ListLiked).WithName("listStarredGists").RequiresAuth().Paged().Returns<IReadOnlyList<GistSimple>>(400);
        gists.MapGet("/forked", GistHandlers.ListForked).WithName("listForkedGists").RequiresAuth().Paged().Returns<IReadOnlyList<GistSimple>>(400);
        gists.MapGet("/{uuid}", GistHandlers.Get).WithName("getGist").SingleGist().Returns<Gist>(404);
        gists.MapPatch("/{uuid}", GistHandlers.Update).WithName("updateGist").SingleGist().RequiresGist(ScopeLevel.Write)
            .Body<GistUpdateRequest>().Returns<Gist>(404, 422);
        gists.MapDelete("/{uuid}", GistHandlers.Delete).WithName("deleteGist").SingleGist().RequiresGist(ScopeLevel.Write).Empty(204, 404);
        gists.MapGet("/{uuid}/commits", RevisionHandlers.Commits).WithName("listGistCommits").SingleGist()
            .Paged(withTotals: false).Returns<IReadOnlyList<GistCommit>>(404);
        gists.MapGet("/{uuid}/{sha}", RevisionHandlers.AtRevision).WithName("getGistRevision").SingleGist().Returns<Gist>(400, 404);
        gists.MapGet("/{uuid}/files/{sha}/{filename}", RevisionHandlers.RawFile).WithName("getGistRawFile").SingleGist()
            .Produces<string>(200, "text/plain").Errors(400, 404);
        gists.MapGet("/{uuid}/forks", SocialHandlers.ListForks).WithName("listGistForks").SingleGist()
            .Paged().Returns<IReadOnlyList<GistSimple>>(404);
        gists.MapPost("/{uuid}/forks", SocialHandlers.Fork).WithName("forkGist").SingleGist().RequiresGist(ScopeLevel.Write)
            .Returns<GistSimple>(404, 422, status: 201).Produces<GistSimple>(200, "application/json");
        gists.MapGet("/{uuid}/like", SocialHandlers.CheckLike).WithName("checkGistLike").SingleGist().RequiresAuth().Empty(204, 404);
        gists.MapPut("/{uuid}/like", SocialHandlers.ToggleLike).WithName("toggleGistLike").SingleGist().RequiresUser(ScopeLevel.Write).Empty(204, 404);
        gists.MapGet("/{uuid}/star", SocialHandlers.CheckLike).WithName("checkGistStar").SingleGist().RequiresAuth().Empty(204, 404);
        gists.MapPut("/{uuid}/star", SocialHandlers.Star).WithName("starGist").SingleGist().RequiresUser(ScopeLevel.Write).Empty(204, 404);
        gists.MapDelete("/{uuid}/star", SocialHandlers.Unstar).WithName("unstarGist").SingleGist().RequiresUser(ScopeLevel.Write).Empty(204, 404);

        var user = api.MapGroup("/user").WithTags("Users");
        user.MapGet("", UserHandlers.Me).WithName("getAuthenticatedUser").RequiresUser(ScopeLevel.Read).Returns<PrivateUser>();
        user.MapPatch("", UserHandlers.UpdateMe).WithName("updateAuthenticatedUser").RequiresUser(ScopeLevel.Write)
            .Body<UpdateUserRequest>().Returns<PrivateUser>(409, 422);
        user.MapGet("/{id}", UserHandlers.ById).WithName("getUserById").Returns<SimpleUser>(400, 404);

        var users = api.MapGroup("/users/{username}").WithTags("Users");
        users.MapGet("", UserHandlers.ByName).WithName("getUserByUsername").Returns<SimpleUser>(404);
        users.MapGet("/gists", UserHandlers.Gists).WithName("listUserGists").Paged().Returns<IReadOnlyList<GistSimple>>(400, 404);
        users.MapGet("/liked", UserHandlers.Liked).WithName("listUserLikedGists").Paged().Returns<IReadOnlyList<GistSimple>>(400, 404);
        users.MapGet("/starred", UserHandlers.Liked).WithName("listUserStarredGists").Paged().Returns<IReadOnlyList<GistSimple>>(400, 404);
        users.MapGet("/forked", UserHandlers.Forked).WithName("listUserForkedGists").Paged().Returns<IReadOnlyList<GistSimple>>(400, 404);

        // Exactly /api is gated like the routes (403 when disabled); anything else unknown is a plain 404, never gated.
        api.MapMethods("", AllMethods, () => ApiErrors.NotFoundError(ApiErrors.NotFound)).ExcludeFromDescription();
        app.MapGistOpenApi();
    }

    /// <summary>Documents a JSON success body and the error statuses the route can give besides the pipeline's 401 and 403.</summary>
    private static RouteHandlerBuilder Returns<T>(this RouteHandlerBuilder route, params int[] errors) => route.Returns<T>(errors, 200);

    private static RouteHandlerBuilder Returns<T>(this RouteHandlerBuilder route, int error1, int error2 = 0, int status = 200) =>
        route.Returns<T>(error2 == 0 ? [error1] : [error1, error2], status);

    private static RouteHandlerBuilder Returns<T>(this RouteHandlerBuilder route, int[] errors, int status) =>
        route.Produces<T>(status, "application/json").Errors(errors);

    /// <summary>A body-less success status plus errors.</summary>
    private static RouteHandlerBuilder Empty(this RouteHandlerBuilder route, int status, params int[] errors) =>
        route.Produces(status).Errors(errors);

    private static RouteHandlerBuilder Errors(this RouteHandlerBuilder route, params int[] errors)
    {
        foreach (var status in errors.Append(401).Append(403).Distinct()) route.Produces<Error>(status, "application/json");
        return route;
    }
}
