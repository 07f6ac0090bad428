using PasteLite.Data;

namespace PasteLite.Web;

/// <summary>Page guards: who must be signed in, and the require-login rule for anonymous visitors.</summary>
internal static class WebAccess
{
    /// <summary>The signed-in user, or a redirect to the login page that comes back here.</summary>
    public static (UserRow? User, IResult? Redirect) RequireUser(HttpContext context)
    {
        var user = WebSession.User(context);
        return user is not null ? (user, null) : (null, ToLogin(context));
    }

    /// <summary>The signed-in admin, or a 404 that does not reveal the page to others.</summary>
    public static (UserRow? Admin, IResult? Denied) RequireAdmin(HttpContext context)
    {
        var user = WebSession.User(context);
        return user is { IsAdmin: true } ? (user, null) : (null, user is null ? ToLogin(context) : Layout.NotFound(context));
    }

    /// <summary>
    /// Under the admin setting require-login, anonymous visitors go to the login page; single gists and pastes
    /// stay open when allow-gists-without-login is on. Null when the visitor may see the page.
    /// </summary>
    public static IResult? RequireLoginGate(HttpContext context, bool singleItem)
    {
        if (WebSession.User(context) is not null) return null;
        var switches = context.RequestServices.GetRequiredService<AdminSettingsStore>().Current;
        return !switches.RequireLogin || (singleItem && switches.AllowGistsWithoutLogin) ? null : ToLogin(context);
    }

    public static IResult ToLogin(HttpContext context) =>
        Results.Redirect("/-/login?return=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
}
