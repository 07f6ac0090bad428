using PasteLite.Data;

namespace PasteLite.Endpoints;

internal sealed record HealthStatus(string Database, string Version);

internal static class Health
{
    /// <summary>GET/HEAD /healthcheck: 200 when the database answers, 503 when it cannot be read.</summary>
    public static void MapHealth(this IEndpointRouteBuilder routes) =>
        routes.MapMethods("/healthcheck", [HttpMethods.Get, HttpMethods.Head], Check).WithName("Healthcheck");

    private static IResult Check(Database db) => db.IsReadable()
        ? TypedResults.Json(new HealthStatus("ok", AppInfo.Version), AppJsonContext.Default.HealthStatus)
        : TypedResults.Json(new HealthStatus("unavailable", AppInfo.Version), AppJsonContext.Default.HealthStatus,
            statusCode: StatusCodes.Status503ServiceUnavailable);
}
