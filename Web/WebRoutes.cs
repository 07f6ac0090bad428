using PasteLite.Auth;
using PasteLite.Data;
using PasteLite.Hosting;
using PasteLite.Web.Pages;

namespace PasteLite.Web;

/// <summary>The web UI's pages. Instance pages live under /-/ so they never clash with user names.</summary>
internal static class WebRoutes
{
    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddSingleton<SessionStore>();
        services.AddSingleton<NewTokenFlash>();
        services.AddGistPages();
        return services;
    }

    public static void MapWebUi(this IEndpointRouteBuilder app)
    {
        app.MapAssets();

        var pages = app.MapGroup("/-").ExcludeFromDescription();
        pages.MapGet("/register", (HttpContext context) => AccountPages.RegisterForm(context));
        pages.MapPost("/register", AccountPages.Register);
        pages.MapGet("/login", (HttpContext context) => AccountPages.LoginForm(context));
        pages.MapPost("/login", AccountPages.Login);
        pages.MapPost("/logout", (Delegate)AccountPages.Logout); // a Delegate, so the IResult is written

        pages.MapPost("/pastes", PasteForms.Create).RequirePasteRateLimit(app.ServiceProvider.GetRequiredService<Config.Settings>());

        pages.MapGet("/settings", (HttpContext context) => SettingsPages.Show(context));
        pages.MapPost("/settings/account", SettingsPages.SaveAccount);
        pages.MapPost("/settings/password", SettingsPages.SavePassword);
        pages.MapGet("/settings/access-tokens", AccessTokenPages.Show);
        pages.MapPost("/settings/access-tokens", AccessTokenPages.Create);
        pages.MapPost("/settings/access-tokens/{id}/delete", AccessTokenPages.Delete);

        pages.MapGet("/admin-panel", AdminPages.Show);
        pages.MapPost("/admin-panel/settings", AdminPages.SaveSettings);
        pages.MapPost("/admin-panel/users/{id}/admin", AdminPages.SetAdmin);
        pages.MapPost("/admin-panel/users/{id}/delete", AdminPages.DeleteUser);
        pages.MapPost("/admin-panel/gists/{uuid}/delete", AdminPages.DeleteGist);

        app.MapGistPages(); // /{user}/{gist}/..., /all, /-/new
    }
}
