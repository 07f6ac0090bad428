using PasteLite.Auth;
using PasteLite.Data;

namespace PasteLite.Endpoints.Terminal;

/// <summary>
/// Who may read a single paste (every surface: raw, terminal, pages, hastebin, pasty's GET). Open to anyone with
/// the link, unless the admin setting require-login is on: then anonymous readers need allow-gists-without-login,
/// as anonymous gist readers do. A valid personal access token (any scope) signs a reader in.
/// </summary>
internal static class PasteReadAccess
{
    public const string LoginPath = "/-/login";

    public static TBuilder RequirePasteReadAccess<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            var switches = http.RequestServices.GetRequiredService<AdminSettingsStore>().Current;
            if (!switches.RequireLogin || switches.AllowGistsWithoutLogin || IsSignedIn(http)) return await next(invocation);

            // Browsers go to the login page; curl gets a reason it can print.
            if (TerminalText.WantsHtml(http.Request)) return TypedResults.Redirect(LoginPath);
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return TerminalText.Line(StatusCodes.Status401Unauthorized,
                "unauthorized: this server requires login to read pastes (send Authorization: Bearer <personal access token>)");
        });

    private static bool IsSignedIn(HttpContext http) =>
        TokenAuthenticator.ReadCredential(http.Request.Headers.Authorization) is { } credential
        && http.RequestServices.GetRequiredService<TokenAuthenticator>().Authenticate(credential) is not null;
}
