using PasteLite.Config;

namespace PasteLite.Endpoints.Terminal;

/// <summary>
/// `{id:pasteid}`: a segment that can be a paste id (ASCII letters and digits, or pasty.id-characters), so the
/// top-level /{id} routes never swallow another surface's paths. Literal routes (/healthcheck, /documents) win
/// anyway; the reserved names cover paths whose owners answer without a route for every method (/api's 404s).
/// </summary>
internal sealed class PasteIdConstraint : IRouteConstraint
{
    public const string Name = "pasteid";

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
        { "api", "documents", "raw", "healthcheck", "metrics", "-" };

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        if (!values.TryGetValue(routeKey, out var value) || value is not string id) return false;
        if (id.Length is 0 or > 64 || Reserved.Contains(id)) return false;
        var extra = httpContext?.RequestServices.GetService<Settings>()?.Pasty.IdCharacters ?? "";
        foreach (var c in id)
            if (!char.IsAsciiLetterOrDigit(c) && !extra.Contains(c)) return false;
        return true;
    }
}
