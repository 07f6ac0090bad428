using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace PasteLite.Web;

/// <summary>
/// Markdown files rendered to HTML on the server, safely: raw HTML in the source is escaped (DisableHtml), and a link
/// or image whose address is not http(s), mailto or relative (javascript:, data:, vbscript:...) loses its link and
/// keeps only its text. No extension that adds attributes (generic attributes) or raw output is enabled.
/// </summary>
internal static class MarkdownView
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    public static bool IsMarkdown(string filename) =>
        Path.GetExtension(filename).ToLowerInvariant() is ".md" or ".markdown";

    public static string Render(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (IsSafeUrl(link.GetDynamicUrl?.Invoke() ?? link.Url)) continue;
            Unwrap(link);
        }
        foreach (var link in document.Descendants<AutolinkInline>().ToList())
            if (!link.IsEmail && !IsSafeUrl(link.Url))
                link.ReplaceBy(new LiteralInline("<" + link.Url + ">"));

        foreach (var table in document.Descendants<Table>()) AlignByClass(table);

        using var writer = new StringWriter();
        // Defence in depth: whatever link the renderer still writes goes through the same check.
        var renderer = new HtmlRenderer(writer) { LinkRewriter = url => IsSafeUrl(url) ? url : "#" };
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>Relative addresses, fragments and http(s)/mailto pass; any other scheme does not.</summary>
    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrEmpty(url)) return true;
        // Browsers ignore control characters and spaces around and inside a scheme ("java\tscript:"), so do we.
        var compact = new string(url.Where(c => c > ' ').ToArray());
        var colon = compact.IndexOf(':');
        if (colon < 0) return true;
        var firstDelimiter = compact.IndexOfAny(['/', '?', '#']);
        if (firstDelimiter >= 0 && firstDelimiter < colon) return true; // "./a:b", "/x?y:z": a path, not a scheme
        var scheme = compact[..colon];
        return SafeSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Column alignment as a class (align-left/center/right in app.css) instead of the style attribute Markdig writes,
    /// which the Content-Security-Policy would block; widths are dropped for the same reason.
    /// </summary>
    private static void AlignByClass(Table table)
    {
        var columns = table.ColumnDefinitions;
        foreach (var row in table.OfType<TableRow>())
        {
            for (var i = 0; i < row.Count; i++)
            {
                if (row[i] is not TableCell cell) continue;
                var column = cell.ColumnIndex >= 0 ? cell.ColumnIndex : i;
                if (column < columns.Count && columns[column].Alignment is { } alignment)
                    cell.GetAttributes().AddClass("align-" + alignment.ToString().ToLowerInvariant());
            }
        }
        foreach (var column in columns)
        {
            column.Alignment = null;
            column.Width = 0;
        }
    }

    /// <summary>Replaces a link by its content (an image by its alt text), so nothing is clickable or loaded.</summary>
    private static void Unwrap(LinkInline link)
    {
        if (link.IsImage)
        {
            var alt = string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
            link.ReplaceBy(new LiteralInline(alt));
            return;
        }
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }
        link.Remove();
    }
}
