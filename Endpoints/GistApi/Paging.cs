using System.Globalization;
using System.Text;
using PasteLite.Config;
using PasteLite.Hosting;

namespace PasteLite.Endpoints.GistApi;

/// <summary>GitHub/Opengist list paging: `page`, `per_page` (default 30, clamped to 100), `since`, and the response headers.</summary>
internal sealed record Paging(int Page, int PerPage, long? Since)
{
    public const int DefaultPerPage = 30;
    public const int MaxPerPage = 100;

    public int Offset => (int)Math.Min(int.MaxValue, (long)(Page - 1) * PerPage);

    /// <summary>Reads the query; invalid page or per_page fall back to defaults, as upstream. A bad `since` is the one error.</summary>
    public static bool TryRead(HttpRequest request, out Paging paging, out IResult? error)
    {
        var page = int.TryParse(request.Query["page"], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var perPage = int.TryParse(request.Query["per_page"], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var pp) && pp > 0
            ? Math.Min(pp, MaxPerPage) : DefaultPerPage;
        long? since = null;
        error = null;
        if (request.Query["since"] is { Count: > 0 } raw && raw.ToString().Length > 0)
        {
            if (!TryParseRfc3339(raw.ToString(), out var when))
            {
                paging = new Paging(page, perPage, null);
                error = ApiErrors.BadRequest(ApiErrors.BadSince);
                return false;
            }
            since = when.ToUnixTimeSeconds();
        }
        paging = new Paging(page, perPage, since);
        return true;
    }

    /// <summary>RFC 3339 with a mandatory offset (`Z` or ±hh:mm); a bare date is refused, as Go's time.RFC3339 does.</summary>
    private static bool TryParseRfc3339(string text, out DateTimeOffset value)
    {
        value = default;
        var t = text.IndexOf('T') > 0 ? text.IndexOf('T') : text.IndexOf('t');
        if (t < 0 || !(text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':')))
            return false;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>Sets X-Page, X-Per-Page, optionally X-Total/X-Total-Pages, and Link with next/prev (no first/last).</summary>
    public void WriteHeaders(HttpContext context, Settings settings, bool hasMore, long? total)
    {
        var headers = context.Response.Headers;
        headers["X-Page"] = Page.ToString(CultureInfo.InvariantCulture);
        headers["X-Per-Page"] = PerPage.ToString(CultureInfo.InvariantCulture);
        if (total is { } count)
        {
            headers["X-Total"] = count.ToString(CultureInfo.InvariantCulture);
            headers["X-Total-Pages"] = ((count + PerPage - 1) / PerPage).ToString(CultureInfo.InvariantCulture);
        }
        var links = new List<string>(2);
        if (hasMore) links.Add($"<{PageUrl(context, settings, Page + 1)}>; rel=\"next\"");
        if (Page > 1) links.Add($"<{PageUrl(context, settings, Page - 1)}>; rel=\"prev\"");
        if (links.Count > 0) headers["Link"] = string.Join(", ", links);
    }

    /// <summary>The request's own URL with `page` replaced; query keys sorted, as Go's url.Values.Encode writes them.</summary>
    private static string PageUrl(HttpContext context, Settings settings, int page)
    {
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToArray(), StringComparer.Ordinal);
        query["page"] = [page.ToString(CultureInfo.InvariantCulture)];
        var encoded = new StringBuilder();
        foreach (var (key, values) in query.OrderBy(q => q.Key, StringComparer.Ordinal))
            foreach (var value in values)
                encoded.Append(encoded.Length == 0 ? "" : "&").Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value ?? ""));
        return $"{PublicUrl.Base(context, settings)}{context.Request.PathBase}{context.Request.Path}?{encoded}";
    }
}
