using PasteLite.Auth;
using PasteLite.Data;

namespace PasteLite.Endpoints.Terminal;

/// <summary>
/// Who may read a single paste (every surface: raw, terminal, pages, hastebin, pasty's GET). Open to anyone with
/// the link, unless the admin setting require-login is on: then anonymous readers need allow-gists-without-login,
/// as anonymous gist readers do. A valid personal access token (any scope) signs a reader in; a bad one counts
/// against the client as on every token surface (<see cref="AccessTokenCheck"/>), 429 past the limit.
/// </summary>
internal static class PasteReadAccess
{
    public const string LoginPath = "/-/login";

    public static TBuilder RequirePasteReadAccess<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RunBefore(Refusal);

    /// <summary>Null when the reader may read; else the answer: browsers go to the login page, curl gets a reason it can print.</summary>
    private static IResult? Refusal(HttpContext http)
    {
        var switches = http.RequestServices.GetRequiredService<AdminSettingsStore>().Current;
        if (!switches.RequireLogin || switches.AllowGistsWithoutLogin) return null;
        var (check, _) = http.RequestServices.GetRequiredService<AccessTokenCheck>().Check(http);
        if (check == TokenCheck.Valid) return null;
        if (check == TokenCheck.Throttled)
            return TerminalText.Line(StatusCodes.Status429TooManyRequests, "too many failed attempts: wait and try again");

        if (TerminalText.WantsHtml(http.Request)) return TypedResults.Redirect(LoginPath);
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return TerminalText.Line(StatusCodes.Status401Unauthorized,
            "unauthorized: this server requires login to read pastes (send Authorization: Bearer <personal access token>)");
    }
}
