namespace PasteLite.Endpoints.Pasty;

/// <summary>
/// CORS for pasty's routes only (other surfaces choose their own): any origin; GET, POST, PATCH, DELETE and
/// OPTIONS; the Authorization and Content-Type request headers; the rate-limit headers readable by scripts.
/// </summary>
internal static class PastyCors
{
    private const string AllowedMethods = "GET, POST, PATCH, DELETE, OPTIONS";
    private const string AllowedHeaders = "Authorization, Content-Type";
    private const string ExposedHeaders = "X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After";

    /// <summary>Puts Access-Control-Allow-Origin on every answer of these routes (errors and 429 included, so browsers can read them).</summary>
    public static TBuilder WithPastyCors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RunBefore(http =>
        {
            AllowAnyOrigin(http.Response);
            return null;
        });

    /// <summary>Answers the browser's preflight (OPTIONS) for a route pattern with 204 and what it may send.</summary>
    public static void MapPreflight(this IEndpointRouteBuilder routes, string pattern) =>
        routes.MapMethods(pattern, [HttpMethods.Options], (HttpResponse response) =>
        {
            AllowAnyOrigin(response);
            response.Headers.AccessControlAllowMethods = AllowedMethods;
            response.Headers.AccessControlAllowHeaders = AllowedHeaders;
            response.Headers.AccessControlMaxAge = "86400";
            response.Headers.Allow = AllowedMethods;
            return TypedResults.NoContent();
        });

    private static void AllowAnyOrigin(HttpResponse response)
    {
        response.Headers.AccessControlAllowOrigin = "*";
        response.Headers.AccessControlExposeHeaders = ExposedHeaders;
    }
}
