using Microsoft.AspNetCore.Mvc;
using PasteLite.Auth;
using PasteLite.Data;
using static PasteLite.Web.Html;

namespace PasteLite.Web.Pages;

/// <summary>/-/register, /-/login, /-/logout. The first account becomes the instance admin.</summary>
internal static class AccountPages
{
    public const int MinPasswordLength = 8;

    public static IResult RegisterForm(HttpContext context, string? error = null, string username = "", string email = "")
    {
        if (SignupClosed(context)) return Closed(context);
        return Layout.Page(context, "Register", $"""
            <section class="card narrow">
            <h1>Create an account</h1>
            {Layout.Notice(error)}
            <form method="post" action="/-/register">
            {Csrf.Field(context)}
            <label>Username <input name="username" value="{E(username)}" required maxlength="{Usernames.MaxLength}" autocomplete="username"></label>
            <label>Email (optional) <input name="email" type="email" value="{E(email)}" autocomplete="email"></label>
            <label>Password <input name="password" type="password" required minlength="{MinPasswordLength}" autocomplete="new-password"></label>
            <button type="submit">Register</button>
            </form>
            <p>Have an account? <a href="/-/login">Log in</a></p>
            </section>
            """, error is null ? 200 : 422);
    }

    public static async Task<IResult> Register(HttpContext context, [FromServices] UserStore users, [FromServices] AdminSettingsStore admin)
    {
        if (SignupClosed(context)) return Closed(context);
        var (form, error) = await Forms.ReadAsync(context);
        if (form is null) return error!;
        string username = form["username"].ToString().Trim(), email = form["email"].ToString().Trim(), password = form["password"].ToString();
        if (Usernames.Validate(username) is { } problem) return RegisterForm(context, problem, username, email);
        if (password.Length < MinPasswordLength)
            return RegisterForm(context, $"The password needs at least {MinPasswordLength} characters.", username, email);

        // Whether this is the first account (admin; the only one let in under disable-signup) is decided in the insert.
        var (user, outcome) = users.SignUp(username, email, Passwords.Hash(password), onlyFirst: admin.Current.DisableSignup);
        if (outcome == SignUpOutcome.Closed) return Closed(context);
        if (user is null) return RegisterForm(context, "That username is taken.", username, email);
        WebSession.SignIn(context, user);
        return Results.Redirect("/");
    }

    public static IResult LoginForm(HttpContext context, string? error = null, string username = "", int status = 200)
    {
        var returnTo = Forms.LocalPath(context.Request.Query["return"]);
        return Layout.Page(context, "Log in", $"""
            <section class="card narrow">
            <h1>Log in</h1>
            {Layout.Notice(error)}
            <form method="post" action="/-/login">
            {Csrf.Field(context)}
            <input type="hidden" name="return" value="{E(returnTo)}">
            <label>Username <input name="username" value="{E(username)}" required autocomplete="username"></label>
            <label>Password <input name="password" type="password" required autocomplete="current-password"></label>
            <button type="submit">Log in</button>
            </form>
            {(SignupClosed(context) ? "" : "<p>No account? <a href=\"/-/register\">Register</a></p>")}
            </section>
            """, status);
    }

    public static async Task<IResult> Login(HttpContext context, [FromServices] UserStore users, [FromServices] FailedAttempts failures, [FromServices] Config.Settings settings)
    {
        var (form, error) = await Forms.ReadAsync(context);
        if (form is null) return error!;
        var username = form["username"].ToString().Trim();
        // Password guesses count per client, shared with the settings page's current password; a success does not
        // clear the count (signing in to one's own account between guesses would reset it).
        var throttleKey = AuthThrottle.Key(AuthThrottle.Passwords, context, settings);
        if (AuthThrottle.Blocked(failures, throttleKey, context)) return TooManyFailures(context, username);

        var user = users.FindByName(username);
        // Verify against a dummy hash for unknown users too, so timing does not reveal which names exist.
        var valid = Passwords.Verify(form["password"].ToString(), user?.PasswordHash ?? DummyHash.Value) && user is not null;
        if (!valid)
        {
            failures.Fail(throttleKey);
            return LoginForm(context, "Wrong username or password.", username, StatusCodes.Status401Unauthorized);
        }
        WebSession.SignIn(context, user!);
        return Results.Redirect(Forms.LocalPath(form["return"]));
    }

    public static async Task<IResult> Logout(HttpContext context)
    {
        var (form, error) = await Forms.ReadAsync(context);
        if (form is null) return error!;
        WebSession.SignOut(context);
        return Results.Redirect("/");
    }

    private static IResult TooManyFailures(HttpContext context, string username) =>
        LoginForm(context, "Too many failed attempts. Wait a few minutes and try again.", username, StatusCodes.Status429TooManyRequests);

    private static readonly Lazy<string> DummyHash = new(() => Passwords.Hash(Guid.NewGuid().ToString()));

    private static IResult Closed(HttpContext context) =>
        Layout.Message(context, "Registration is closed", "An admin has disabled sign-up on this instance.", StatusCodes.Status403Forbidden);

    private static bool SignupClosed(HttpContext context) =>
        context.RequestServices.GetRequiredService<AdminSettingsStore>().Current.DisableSignup
        && context.RequestServices.GetRequiredService<UserStore>().Count() > 0;
}
