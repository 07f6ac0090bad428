using PasteLite.Auth;
using PasteLite.Config;
using PasteLite.Data;

namespace PasteLite.Endpoints.GistApi;

/// <summary>What a Gist API route asks of its caller, read by <see cref="ApiGate"/>.</summary>
internal sealed record ApiAccess(bool SingleGist, bool RequiresAuth, string? Scope, ScopeLevel? GistScope, ScopeLevel? UserScope);

internal static class ApiAccessExtensions
{
    /// <summary>A route about one gist: open to anonymous callers under require-login when allow-gists-without-login is on.</summary>
    public static RouteHandlerBuilder SingleGist(this RouteHandlerBuilder route) => route.Access(a => a with { SingleGist = true });

    public static RouteHandlerBuilder RequiresAuth(this RouteHandlerBuilder route) => route.Access(a => a with { RequiresAuth = true });

    public static RouteHandlerBuilder RequiresGist(this RouteHandlerBuilder route, ScopeLevel level) =>
        route.Access(a => a with { RequiresAuth = true, GistScope = level, Scope = level == ScopeLevel.Write ? "gist:write" : "gist:read" });

    public static RouteHandlerBuilder RequiresUser(this RouteHandlerBuilder route, ScopeLevel level) =>
        route.Access(a => a with { RequiresAuth = true, UserScope = level, Scope = level == ScopeLevel.Write ? "user:write" : "user:read" });

    private static RouteHandlerBuilder Access(this RouteHandlerBuilder route, Func<ApiAccess, ApiAccess> change)
    {
        route.Add(endpoint =>
        {
            var current = endpoint.Metadata.OfType<ApiAccess>().LastOrDefault() ?? new ApiAccess(false, false, null, null, null);
            endpoint.Metadata.Add(change(current));
        });
        return route;
    }
}

/// <summary>
/// Opengist's pipeline, in its order: api.enabled (403), token (401), require-login (401),
/// authentication required (401), scope (403); before the token, a client with too many bad tokens gets 429. Runs before
/// the handler reads any input, and before its parameters are bound (a step before the handler, HandlerWrapping).
/// </summary>
internal sealed class ApiGate(Settings settings, AccessTokenCheck tokens, AdminSettingsStore admin)
{
    /// <summary>The answer that stops this request, or null when it goes on to the handler.</summary>
    public IResult? Refusal(HttpContext context)
    {
        if (!settings.ApiEnabled) return ApiErrors.Forbidden(ApiErrors.Disabled);

        var caller = ApiCaller.Anonymous;
        // Token guessing is throttled per client before the token is even looked at.
        var (check, grant) = tokens.Check(context);
        if (check == TokenCheck.Throttled) return ApiErrors.Json(StatusCodes.Status429TooManyRequests, AuthThrottle.Message);
        if (check != TokenCheck.Missing)
        {
            // The grant carries its owner as read with the token: a user deleted takes its tokens with it.
            if (grant is null) return ApiErrors.Unauthorized(ApiErrors.BadCredentials);
            caller = new ApiCaller(grant.User, grant.Scopes);
            context.SetCaller(caller);
        }

        var access = context.GetEndpoint()?.Metadata.GetMetadata<ApiAccess>() ?? new ApiAccess(false, false, null, null, null);
        if (caller.IsAnonymous)
        {
            var switches = admin.Current;
            if (switches.RequireLogin && !(access.SingleGist && switches.AllowGistsWithoutLogin))
                return ApiErrors.Unauthorized(ApiErrors.RequiresAuthentication);
            if (access.RequiresAuth) return ApiErrors.Unauthorized(ApiErrors.RequiresAuthentication);
        }
        if ((access.GistScope is { } gist && caller.Scopes.Gist < gist) || (access.UserScope is { } user2 && caller.Scopes.User < user2))
            return ApiErrors.Forbidden(ApiErrors.MissingScope);

        return null;
    }
}
