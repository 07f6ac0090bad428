using System.Text;

namespace PasteLite.Gists;

/// <summary>What a stored file is: text or binary, its MIME type and a language label, as the API reports them.</summary>
internal static class FileContent
{
    public const int TruncateBytes = 512 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static bool IsText(byte[] content)
    {
        if (Array.IndexOf(content, (byte)0) >= 0) return false;
        try { StrictUtf8.GetCharCount(content); return true; }
        catch (DecoderFallbackException) { return false; }
    }

    public static string MimeType(string filename, byte[] content, bool isText)
    {
        if (!isText)
        {
            if (StartsWith(content, [0x89, 0x50, 0x4E, 0x47])) return "image/png";
            if (StartsWith(content, [0xFF, 0xD8, 0xFF])) return "image/jpeg";
            if (StartsWith(content, "GIF8"u8)) return "image/gif";
            if (StartsWith(content, "%PDF"u8)) return "application/pdf";
            return "application/octet-stream";
        }
        return Path.GetExtension(filename).ToLowerInvariant() switch
        {
            ".json" => "application/json",
            ".svg" => "image/svg+xml",
            ".html" or ".htm" => "text/html",
            ".xml" => "text/xml",
            ".css" => "text/css",
            ".csv" => "text/csv",
            ".js" or ".mjs" => "text/javascript",
            ".md" or ".markdown" => "text/markdown",
            _ => "text/plain",
        };
    }

    public static string Language(string filename, bool isText)
    {
        if (!isText) return "Binary";
        var ext = Path.GetExtension(filename).ToLowerInvariant();
        return Languages.TryGetValue(ext, out var name) ? name : "Text";
    }

    private static readonly Dictionary<string, string> Languages = new()
    {
        [".md"] = "Markdown", [".markdown"] = "Markdown", [".cs"] = "C#", [".py"] = "Python", [".js"] = "JavaScript",
        [".mjs"] = "JavaScript", [".ts"] = "TypeScript", [".go"] = "Go", [".rs"] = "Rust", [".java"] = "Java",
        [".c"] = "C", [".h"] = "C", [".cpp"] = "C++", [".hpp"] = "C++", [".rb"] = "Ruby", [".php"] = "PHP",
        [".sh"] = "Bash", [".bash"] = "Bash", [".zsh"] = "Bash", [".ps1"] = "PowerShell", [".sql"] = "SQL",
        [".json"] = "JSON", [".yml"] = "YAML", [".yaml"] = "YAML", [".toml"] = "TOML", [".xml"] = "XML",
        [".html"] = "HTML", [".htm"] = "HTML", [".css"] = "CSS", [".csv"] = "CSV", [".svg"] = "SVG",
        [".kt"] = "Kotlin", [".swift"] = "Swift", [".lua"] = "Lua", [".dockerfile"] = "Docker", [".ini"] = "INI",
    };

    /// <summary>Content as the API shows it: text (cut at 512 KiB on a character boundary) or base64 for binary.</summary>
    public static (string Content, bool Truncated, string Encoding) ForApi(byte[] content, bool isText)
    {
        var truncated = content.Length > TruncateBytes;
        var shown = truncated ? content.AsSpan(0, TruncateBytes) : content;
        if (!isText) return (Convert.ToBase64String(shown), truncated, "base64");
        // Back off to the start of a UTF-8 sequence so the cut never splits a character.
        var length = shown.Length;
        // content[length] is the first byte left out: while it continues a character, that character was split.
        if (truncated) while (length > 0 && (content[length] & 0xC0) == 0x80) length--;
        return (Encoding.UTF8.GetString(content, 0, length), truncated, "utf-8");
    }

    private static bool StartsWith(byte[] content, ReadOnlySpan<byte> prefix) => content.AsSpan().StartsWith(prefix);
}
