using PasteLite.Auth;
using PasteLite.Data;
using PasteLite.Web.Pages;

namespace PasteLite.Web;

/// <summary>The web UI's pages. Instance pages live under /-/ so they never clash with user names.</summary>
internal static class WebRoutes
{
    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddSingleton<SessionStore>();
        services.AddSingleton<FailedAttempts>();
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

        app.MapGistPages(); // /{user}/{gist}/..., /all, /-/new
    }
}
