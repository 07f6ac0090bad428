using PasteLite.Data;
using PasteLite.Gists;

namespace PasteLite.Web;

/// <summary>Who may see what in the web UI: signed-in and admin pages, the require-login switch, gist visibility.</summary>
internal static class WebAccess
{
    /// <summary>The signed-in user, or a redirect to the login page that comes back here.</summary>
    public static (UserRow? User, IResult? Redirect) RequireUser(HttpContext context)
    {
        var user = WebSession.User(context);
        return user is not null ? (user, null) : (null, LoginRedirect(context));
    }

    /// <summary>The signed-in admin, or a 404 that does not reveal the page to others.</summary>
    public static (UserRow? Admin, IResult? Denied) RequireAdmin(HttpContext context)
    {
        var user = WebSession.User(context);
        return user is { IsAdmin: true } ? (user, null) : (null, user is null ? LoginRedirect(context) : Layout.NotFound(context));
    }

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
