using PasteLite.Data;

namespace PasteLite.Endpoints;

internal sealed record HealthStatus(string Database, string Version);

internal static class Health
{
    /// <summary>GET/HEAD /healthcheck: 200 when the database answers, 503 when it cannot be read.</summary>
    public static void MapHealth(this IEndpointRouteBuilder routes) =>
        routes.MapMethods("/healthcheck", [HttpMethods.Get, HttpMethods.Head], Check).WithName("Healthcheck");

    private static IResult Check(HttpRequest request, Database db)
    {
        var readable = db.IsReadable();
        var status = readable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        // Load balancers probe with HEAD: the status is the answer, no body is sent.
        if (HttpMethods.IsHead(request.Method)) return TypedResults.StatusCode(status);
        return JsonAnswer.Of(new HealthStatus(readable ? "ok" : "unavailable", AppInfo.Version),
            AppJsonContext.Default.HealthStatus, statusCode: status);
    }
}
