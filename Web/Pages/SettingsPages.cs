using Microsoft.AspNetCore.Mvc;
using PasteLite.Auth;
using PasteLite.Data;
using static PasteLite.Web.Html;

namespace PasteLite.Web.Pages;

/// <summary>/-/settings: change username, email and password.</summary>
internal static class SettingsPages
{
    public static IResult Show(HttpContext context) => Render(context, null, null);

    private static IResult Render(HttpContext context, string? error, string? notice, int status = 200)
    {
        var (user, redirect) = WebAccess.RequireUser(context);
        if (user is null) return redirect!;
        return Layout.Page(context, "Settings", $"""
            <h1>Settings</h1>
            <p><a href="/-/settings/access-tokens">Access tokens</a> for the API and scripts.</p>
            {Layout.Notice(error)}{Layout.Notice(notice, error: false)}
            <section class="card">
            <h2>Account</h2>
            <form method="post" action="/-/settings/account">
            {Csrf.Field(context)}
            <label>Username <input name="username" value="{E(user.Username)}" required maxlength="{Usernames.MaxLength}"></label>
            <label>Email <input name="email" type="email" value="{E(user.Email)}"></label>
            <button type="submit">Save</button>
            </form>
            </section>
            <section class="card">
            <h2>Password</h2>
            <form method="post" action="/-/settings/password">
            {Csrf.Field(context)}
            <label>Current password <input name="current" type="password" required autocomplete="current-password"></label>
            <label>New password <input name="password" type="password" required minlength="{AccountPages.MinPasswordLength}" autocomplete="new-password"></label>
            <button type="submit">Change password</button>
            </form>
            </section>
            """, status);
    }

    public static async Task<IResult> SaveAccount(HttpContext context, [FromServices] UserStore users)
    {
        var (user, redirect) = WebAccess.RequireUser(context);
        if (user is null) return redirect!;
        var (form, error) = await Forms.ReadAsync(context);
        if (form is null) return error!;
        var username = form["username"].ToString().Trim();
        var email = form["email"].ToString().Trim();
        var rename = username.Equals(user.Username, StringComparison.Ordinal) ? null : username;
        if (rename is not null && Usernames.Validate(rename) is { } problem) return Render(context, problem, null, 422);
        if (!users.Update(user.Id, rename, email)) return Render(context, "That username is taken.", null, 409);
        Refresh(context, users, user.Id);
        return Render(context, null, "Saved.");
    }

    /// <summary>
    /// The current password is a guessable secret too (a borrowed session could try it): wrong ones count per client
    /// with the login form's (<see cref="AuthThrottle.Passwords"/>), 429 with Retry-After past the limit.
    /// </summary>
    public static async Task<IResult> SavePassword(HttpContext context, [FromServices] UserStore users, [FromServices] SessionStore sessions,
        [FromServices] FailedAttempts failures, [FromServices] Config.Settings settings)
    {
        var (user, redirect) = WebAccess.RequireUser(context);
        if (user is null) return redirect!;
        var (form, error) = await Forms.ReadAsync(context);
        if (form is null) return error!;
        var throttleKey = AuthThrottle.Key(AuthThrottle.Passwords, context, settings);
        if (AuthThrottle.Blocked(failures, throttleKey, context))
            return Render(context, "Too many failed attempts. Wait a few minutes and try again.", null, StatusCodes.Status429TooManyRequests);
        if (!Passwords.Verify(form["current"].ToString(), user.PasswordHash))
        {
            failures.Fail(throttleKey);
            return Render(context, "The current password is wrong.", null, 403);
        }
        var password = form["password"].ToString();
        if (password.Length < AccountPages.MinPasswordLength)
            return Render(context, $"The new password needs at least {AccountPages.MinPasswordLength} characters.", null, 422);
        users.SetPassword(user.Id, Passwords.Hash(password));
        // A new password signs out every other browser.
        sessions.DeleteOthers(user.Id, context.Request.Cookies[WebSession.CookieName] ?? "");
        return Render(context, null, "Password changed.");
    }

    /// <summary>The page below shows the saved values, not the ones the request started with.</summary>
    private static void Refresh(HttpContext context, UserStore users, long id) => WebSession.Reload(context, users.FindById(id));
}
