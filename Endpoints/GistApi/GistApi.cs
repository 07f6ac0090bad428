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
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin().AllowAnyHeader()
            .WithMethods("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE")
            .WithExposedHeaders("Link", "X-Page", "X-Per-Page", "X-Total", "X-Total-Pages")));
        return services;
    }

    public static void MapGistApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter<ApiGate>().RequireCors(CorsPolicy);

        var gists = api.MapGroup("/gists").WithTags("Gists");
        gists.MapGet("", GistHandlers.ListGists).WithName("listGists");
        gists.MapPost("", GistHandlers.Create).WithName("createGist").RequiresGist(ScopeLevel.Write);
        gists.MapGet("/public", GistHandlers.ListPublic).WithName("listPublicGists");
        gists.MapGet("/liked", GistHandlers.ListLiked).WithName("listLikedGists").RequiresAuth();
        gists.MapGet("/starred", GistHandlers.ListLiked).WithName("listStarredGists").RequiresAuth();
        gists.MapGet("/forked", GistHandlers.ListForked).WithName("listForkedGists").RequiresAuth();
        gists.MapGet("/{uuid}", GistHandlers.Get).WithName("getGist").SingleGist();
        gists.MapPatch("/{uuid}", GistHandlers.Update).WithName("updateGist").SingleGist().RequiresGist(ScopeLevel.Write);
        gists.MapDelete("/{uuid}", GistHandlers.Delete).WithName("deleteGist").SingleGist().RequiresGist(ScopeLevel.Write);
        gists.MapGet("/{uuid}/commits", RevisionHandlers.Commits).WithName("listGistCommits").SingleGist();
        gists.MapGet("/{uuid}/{sha}", RevisionHandlers.AtRevision).WithName("getGistRevision").SingleGist();
        gists.MapGet("/{uuid}/files/{sha}/{filename}", RevisionHandlers.RawFile).WithName("getGistRawFile").SingleGist();
        gists.MapGet("/{uuid}/forks", SocialHandlers.ListForks).WithName("listGistForks").SingleGist();
        gists.MapPost("/{uuid}/forks", SocialHandlers.Fork).WithName("forkGist").SingleGist().RequiresGist(ScopeLevel.Write);
        gists.MapGet("/{uuid}/like", SocialHandlers.CheckLike).WithName("checkGistLike").SingleGist().RequiresAuth();
        gists.MapPut("/{uuid}/like", SocialHandlers.ToggleLike).WithName("toggleGistLike").SingleGist().RequiresUser(ScopeLevel.Write);
        gists.MapGet("/{uuid}/star", SocialHandlers.CheckLike).WithName("checkGistStar").SingleGist().RequiresAuth();
        gists.MapPut("/{uuid}/star", SocialHandlers.Star).WithName("starGist").SingleGist().RequiresUser(ScopeLevel.Write);
        gists.MapDelete("/{uuid}/star", SocialHandlers.Unstar).WithName("unstarGist").SingleGist().RequiresUser(ScopeLevel.Write);

        var user = api.MapGroup("/user").WithTags("Users");
        user.MapGet("", UserHandlers.Me).WithName("getAuthenticatedUser").RequiresUser(ScopeLevel.Read);
        user.MapPatch("", UserHandlers.UpdateMe).WithName("updateAuthenticatedUser").RequiresUser(ScopeLevel.Write);
        user.MapGet("/{id}", UserHandlers.ById).WithName("getUserById");

        var users = api.MapGroup("/users/{username}").WithTags("Users");
        users.MapGet("", UserHandlers.ByName).WithName("getUserByUsername");
        users.MapGet("/gists", UserHandlers.Gists).WithName("listUserGists");
        users.MapGet("/liked", UserHandlers.Liked).WithName("listUserLikedGists");
        users.MapGet("/starred", UserHandlers.Liked).WithName("listUserStarredGists");
        users.MapGet("/forked", UserHandlers.Forked).WithName("listUserForkedGists");

        // Exactly /api is gated like the routes (403 when disabled); anything else unknown is a plain 404, never gated.
        api.MapMethods("", AllMethods, () => ApiErrors.NotFoundError(ApiErrors.NotFound)).ExcludeFromDescription();
        // A RequestDelegate, not a lambda: the request delegate generator rewrites MapFallback(pattern, Delegate) wrongly.
        app.MapFallback("/api/{**path}", context => ApiErrors.NotFoundError(ApiErrors.NotFound).ExecuteAsync(context)).RequireCors(CorsPolicy);
    }
}
