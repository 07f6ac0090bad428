using System.Globalization;
using System.Text;
using PasteLite.Data;
using PasteLite.Gists;
using static PasteLite.Web.Html;

namespace PasteLite.Web.Pages;

/// <summary>HTML pieces the gist pages share: links, times, sizes, the gist header, file views and list items.</summary>
internal static class GistHtml
{
    public const int PageSize = 30;

    public static string GistPath(GistRow gist) => $"/{U(gist.OwnerName)}/{U(gist.Uuid)}";

    public static string UserPath(string username) => $"/{U(username)}";

    public static string DisplayTitle(GistRow gist) => gist.Title.Length > 0 ? gist.Title : gist.Uuid;

    public static string Time(long unixSeconds)
    {
        var when = DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime;
        return $"<time datetime=\"{when:yyyy-MM-dd'T'HH:mm:ss'Z'}\">{when.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC</time>";
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} KiB",
        _ => $"{(bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} MiB",
    };

    public static string Badge(GistRow gist) =>
        $"<span class=\"badge\">{Visibilities.Name((Visibility)gist.Visibility)}</span>" + (gist.Archived ? " <span class=\"badge\">archived</span>" : "");

    /// <summary>The ?page= number: 1 and up, anything else is 1.</summary>
    public static int PageNumber(HttpContext context) =>
        int.TryParse(context.Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= 1_000_000
            ? page : 1;

    /// <summary>Newer/older links for a list at <paramref name="path"/>.</summary>
    public static string Pager(string path, int page, bool hasMore)
    {
        if (page == 1 && !hasMore) return "";
        var newer = page > 1 ? $"<a href=\"{path}?page={page - 1}\" rel=\"prev\">← Newer</a>" : "";
        var older = hasMore ? $"<a href=\"{path}?page={page + 1}\" rel=\"next\">Older →</a>" : "";
        return $"<nav class=\"pager\">{newer}<span class=\"muted\">Page {page}</span>{older}</nav>";
    }

    /// <summary>A list of gists, or a line saying there are none.</summary>
    public static string List(IReadOnlyList<GistRow> gists, string empty)
    {
        if (gists.Count == 0) return $"<p class=\"muted\">{E(empty)}</p>";
        var html = new StringBuilder("<ul class=\"list gists\">");
        foreach (var gist in gists)
        {
            html.Append($"""
                <li><a href="{GistPath(gist)}"><strong>{E(DisplayTitle(gist))}</strong></a> {Badge(gist)}
                <div class="muted">by <a href="{UserPath(gist.OwnerName)}">{E(gist.OwnerName)}</a> · updated {Time(gist.UpdatedAt)} · {Count(gist.NbFiles, "file")} · {Count(gist.NbLikes, "like")} · {Count(gist.NbForks, "fork")}</div>
                {(gist.Description.Length > 0 ? $"<div>{E(gist.Description)}</div>" : "")}
                </li>
                """);
        }
        return html.Append("</ul>").ToString();
    }

    public static string Count(long n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    /// <summary>A highlight.js language name from a file name; app.js falls back to detection for names it lacks.</summary>
    public static string HighlightLanguage(string filename)
    {
        var lower = filename.ToLowerInvariant();
        if (lower is "dockerfile" or "containerfile") return "dockerfile";
        if (lower is "makefile" or "gnumakefile") return "makefile";
        var ext = Path.GetExtension(lower).TrimStart('.');
        if (ext.Length == 0 || !ext.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '_')) return "auto";
        return ext is "txt" or "text" or "log" ? "plaintext" : ext;
    }

    /// <summary>An id-safe, readable anchor for a file: "file-hello-py", made unique within the page by the caller.</summary>
    public static string Anchor(string filename)
    {
        var slug = new StringBuilder("file-");
        foreach (var c in filename.ToLowerInvariant())
            slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        return slug.ToString();
    }

    /// <summary>Highlighted text with a gutter of linkable line numbers (#file-x-L12).</summary>
    public static string Code(string text, string language, string anchor, string codeId)
    {
        var lines = Math.Max(1, LineDiff.Lines(text).Length);
        var gutter = new StringBuilder();
        for (var n = 1; n <= lines; n++) gutter.Append($"<a id=\"{anchor}-L{n}\" href=\"#{anchor}-L{n}\">{n}</a>");
        return $"<div class=\"code\"><div class=\"lines\">{gutter}</div><pre><code id=\"{codeId}\" data-highlight=\"{E(language)}\">{E(text)}</code></pre></div>";
    }
}
