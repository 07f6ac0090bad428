using PasteLite.Endpoints.Pasty;

namespace PasteLite.Endpoints.Terminal;

/// <summary>How the terminal surface talks: one plain-text line per answer, and who is a browser.</summary>
internal static class TerminalText
{
    /// <summary>A one-line plain-text answer ending in a newline, so a shell prompt starts on its own line.</summary>
    public static IResult Line(int status, string message) =>
        TypedResults.Text(message + "\n", PastyErrors.PlainText, statusCode: status);

    /// <summary>A browser asks for HTML (Accept contains text/html); curl, wget and scripts send */* or nothing.</summary>
    public static bool WantsHtml(HttpRequest request)
    {
        foreach (var value in request.Headers.Accept)
            if (value is not null && value.Contains("text/html", StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
