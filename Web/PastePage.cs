using System.Text;
using System.Text.Json;
using PasteLite.Config;
using PasteLite.Data;
using static PasteLite.Web.Html;

namespace PasteLite.Web;

/// <summary>
/// A paste in the browser: highlighted with line numbers and linkable lines, raw, copy, download; edit, delete and
/// report through pasty's API (paste.js); encrypted pastes decrypt in the page with the key from the URL fragment.
/// A burn-after-reading paste first shows a button (a form POST), so link-preview bots never burn it.
/// </summary>
internal static class PastePage
{
    /// <summary>
    /// content null and burnAfterRead false: 404; content null and burnAfterRead true: the confirmation page;
    /// content with burnAfterRead true: the one view of a paste that is now deleted; otherwise the paste.
    /// </summary>
    public static IResult Render(HttpContext context, string id, PasteRow? paste, bool burnAfterRead, string? language = null)
    {
        if (paste is null && !burnAfterRead)
            return Layout.Message(context, "Paste not found", "It never existed, expired, or was deleted.", StatusCodes.Status404NotFound);
        if (paste is null)
            return Layout.Page(context, "Burn after reading", $"""
                <section class="card narrow">
                <h1>This paste is deleted when it is read</h1>
                <p>You can view it once; after that nobody can.</p>
                <form method="post" action="/{U(id)}" id="paste-reveal"><input type="hidden" name="reveal" value="1">{Csrf.Field(context)}
                <button type="submit">Show it and delete it</button></form>
                </section>
                <script src="/-/assets/paste.js" defer></script>
                """);

        var settings = context.RequestServices.GetRequiredService<Settings>();
        var info = PasteInfo.Of(paste);
        var text = Encoding.UTF8.GetString(paste.Content);
        var lang = language ?? LanguageOf(info.Filename);
        var lines = Math.Max(1, text.Split('\n').Length - (text.EndsWith('\n') ? 1 : 0));
        var numbers = string.Concat(Enumerable.Range(1, lines).Select(n => $"<a id=\"L{n}\" href=\"#L{n}\">{n}</a>"));
        var codeAttributes = info.EncryptionIv is { } iv
            ? $"data-iv=\"{E(iv)}\""
            : $"data-highlight=\"{E(lang ?? "auto")}\"";
        var name = info.Filename ?? id + ".txt";
        var gone = burnAfterRead ? "<p class=\"error\">This paste has now been deleted; this is its only view.</p>" : "";
        var encrypted = info.EncryptionIv is null ? "" : """
            <p class="muted" id="paste-encrypted-note">This paste is encrypted in the browser. The key is the part of the link after #; without it the content cannot be read.</p>
            """;
        var editing = burnAfterRead ? "" : $"""
            <button type="button" class="secondary hidden js-only" id="paste-edit">Edit</button>
            <button type="button" class="secondary hidden js-only" id="paste-delete">Delete</button>
            {(settings.Pasty.ReportsEnabled ? "<button type=\"button\" class=\"secondary hidden js-only\" id=\"paste-report\">Report</button>" : "")}
            """;
        return Layout.Page(context, info.Filename ?? $"Paste {id}", $"""
            <h1>{E(info.Filename ?? "Paste " + id)}</h1>
            {gone}{encrypted}
            <p id="paste-status" class="muted"></p>
            <div class="file">
            <div class="file-head"><span class="muted" id="paste-stats">{Stats(lines, paste.Content.Length)}</span>
            <span class="actions">
            {(burnAfterRead ? "" : $"<a class=\"button secondary\" href=\"/{U(id)}/raw\">Raw</a><a class=\"button secondary\" href=\"/{U(id)}/raw\" download=\"{E(name)}\">Download</a>")}
            <button type="button" class="secondary hidden" data-copy="paste-content" data-label="Copy">Copy</button>
            {editing}
            </span></div>
            <div class="code"><div class="lines">{numbers}</div><pre><code id="paste-content" data-id="{E(id)}" {codeAttributes}>{E(text)}</code></pre></div>
            </div>
            <div id="paste-editor" class="hidden card">
            <label>Content <textarea id="paste-source"></textarea></label>
            <div class="actions"><button type="button" id="paste-save">Save changes</button></div>
            </div>
            <script src="/-/assets/paste.js" defer></script>
            """);
    }

    /// <summary>"1 line · 12 bytes": paste.js says the same of an encrypted paste's plain text once it is decrypted.</summary>
    private static string Stats(int lines, int bytes) => $"{lines} line{(lines == 1 ? "" : "s")} · {bytes} byte{(bytes == 1 ? "" : "s")}";

    /// <summary>A highlight.js language name from a file name's extension (it knows the common aliases).</summary>
    private static string? LanguageOf(string? filename) =>
        Path.GetExtension(filename ?? "") is { Length: > 1 } ext ? ext[1..].ToLowerInvariant() : null;
}

/// <summary>What the web UI reads from a paste's metadata: pasty's pf_encryption and our optional file name.</summary>
internal sealed record PasteInfo(string? Filename, string? EncryptionIv)
{
    public const string FilenameKey = "filename";

    public static PasteInfo Of(PasteRow paste)
    {
        try
        {
            using var doc = JsonDocument.Parse(paste.Metadata);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new PasteInfo(null, null);
            var filename = root.TryGetProperty(FilenameKey, out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            var iv = root.TryGetProperty("pf_encryption", out var enc) && enc.ValueKind == JsonValueKind.Object
                     && enc.TryGetProperty("iv", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return new PasteInfo(filename, iv);
        }
        catch (JsonException)
        {
            return new PasteInfo(null, null);
        }
    }
}
