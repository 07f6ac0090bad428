using System.Security.Cryptography;
using PasteLite.Auth;

namespace PasteLite.Web;

/// <summary>
/// Anti-forgery by double submit: a random value in a SameSite=Strict, HttpOnly cookie must come back in the
/// form's `_csrf` field. Another site can make the browser send the cookie but cannot read it to fill the field.
/// </summary>
internal static class Csrf
{
    public const string CookieName = "pastelite_csrf";
    public const string FieldName = "_csrf";
    private static readonly object ItemKey = new();

    /// <summary>The request's anti-forgery value, set as a cookie the first time a page needs it.</summary>
    public static string Token(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var cached)) return (string)cached!;
        var token = context.Request.Cookies[CookieName] is { Length: 64 } existing ? existing
            : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        if (context.Request.Cookies[CookieName] != token)
            context.Response.Cookies.Append(CookieName, token, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", Secure = WebSession.IsHttps(context),
            });
        context.Items[ItemKey] = token;
        return token;
    }

    /// <summary>The hidden input every form carries.</summary>
    public static string Field(HttpContext context) =>
        $"<input type=\"hidden\" name=\"{FieldName}\" value=\"{Token(context)}\">";

    public static bool IsValid(HttpContext context, IFormCollection form) =>
        context.Request.Cookies[CookieName] is { Length: > 0 } cookie
        && form[FieldName].ToString() is { Length: > 0 } field
        && Secrets.FixedTimeEquals(cookie, field);
}
