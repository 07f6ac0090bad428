using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Hosting;

namespace PasteLite.Web;

/// <summary>Who is signed in to the web UI: a session cookie (HttpOnly, SameSite=Lax, Secure behind https).</summary>
internal static class WebSession
{
    public const string CookieName = "pastelite_session";
    private static readonly object ItemKey = new();

    public static bool IsHttps(HttpContext context) =>
        PublicUrl.Base(context, context.RequestServices.GetRequiredService<Settings>()).StartsWith("https:", StringComparison.Ordinal);

    /// <summary>The signed-in user, looked up once per request.</summary>
    public static UserRow? User(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var cached)) return (UserRow?)cached;
        var user = context.Request.Cookies[CookieName] is { Length: > 0 } token
            ? context.RequestServices.GetRequiredService<SessionStore>().Find(token) : null;
        context.Items[ItemKey] = user;
        return user;
    }

    /// <summary>Replaces the request's cached user after it changed.</summary>
    public static void Reload(HttpContext context, UserRow? user) => context.Items[ItemKey] = user;

    public static void SignIn(HttpContext context, UserRow user)
    {
        var token = context.RequestServices.GetRequiredService<SessionStore>().Create(user.Id);
        context.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/", Secure = IsHttps(context),
            MaxAge = SessionStore.Lifetime,
        });
        context.Items[ItemKey] = user;
    }

    public static void SignOut(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is { Length: > 0 } token)
            context.RequestServices.GetRequiredService<SessionStore>().Delete(token);
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
        context.Items[ItemKey] = null;
    }
}
