using PasteLite.Data;
using PasteLite.Gists;

namespace PasteLite.Web;

/// <summary>Who may see what in the web UI: the require-login switch, and gist visibility for the signed-in user.</summary>
internal static class WebAccess
{
    /// <summary>
    /// Null to go on; a redirect to the login page when require-login is on and nobody is signed in. Single gists and
    /// pastes (their page, raw and history: pass <paramref name="singleItem"/>) stay open when allow-gists-without-login is on.
    /// </summary>
    public static IResult? RequireLogin(HttpContext context, bool singleItem = false)
    {
        if (WebSession.User(context) is not null) return null;
        var settings = context.RequestServices.GetRequiredService<AdminSettingsStore>().Current;
        if (!settings.RequireLogin || (singleItem && settings.AllowGistsWithoutLogin)) return null;
        return LoginRedirect(context);
    }

    /// <summary>To /-/login, coming back to <paramref name="returnTo"/> (default: this request's path and query).</summary>
    public static IResult LoginRedirect(HttpContext context, string? returnTo = null)
    {
        returnTo ??= context.Request.Path + context.Request.QueryString;
        return Results.Redirect("/-/login?return=" + Uri.EscapeDataString(Forms.LocalPath(returnTo)));
    }

    /// <summary>Public and unlisted gists are readable by anyone with the link; private ones only by their owner.</summary>
    public static bool CanSee(UserRow? viewer, GistRow gist) =>
        (Visibility)gist.Visibility != Visibility.Private || Owns(viewer, gist);

    public static bool Owns(UserRow? viewer, GistRow gist) => viewer is not null && viewer.Id == gist.UserId;
}
