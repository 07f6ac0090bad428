using static PasteLite.Web.Html;

namespace PasteLite.Web;

/// <summary>The frame around every page: header navigation, main content, footer; assets from /-/assets.</summary>
internal static class Layout
{
    public static IResult Page(HttpContext context, string title, string body, int status = StatusCodes.Status200OK)
    {
        var user = WebSession.User(context);
        var account = user is null
            ? """<a href="/-/login">Log in</a><a href="/-/register">Register</a>"""
            : $"""
              <a href="/{U(user.Username)}">{E(user.Username)}</a><a href="/-/settings">Settings</a>
              {(user.IsAdmin ? "<a href=\"/-/admin-panel\">Admin</a>" : "")}
              <form method="post" action="/-/logout" class="inline">{Csrf.Field(context)}<button type="submit" class="link">Log out</button></form>
              """;
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>{E(title)} · PasteLite</title>
            <link rel="icon" href="/-/assets/favicon.svg" type="image/svg+xml">
            <link rel="stylesheet" href="/-/assets/app.css">
            <link rel="stylesheet" href="/-/assets/vendor/github.min.css" media="(prefers-color-scheme: light)">
            <link rel="stylesheet" href="/-/assets/vendor/github-dark.min.css" media="(prefers-color-scheme: dark)">
            <script src="/-/assets/vendor/highlight.min.js" defer></script>
            <script src="/-/assets/app.js" defer></script>
            </head>
            <body>
            <header class="top">
            <a class="brand" href="/">PasteLite</a>
            <nav><a href="/">New</a><a href="/all">All gists</a>{account}</nav>
            </header>
            <main>
            {body}
            </main>
            <footer>PasteLite {E(AppInfo.Version)} · <a href="/api/openapi.yaml">API</a></footer>
            </body>
            </html>
            """;
        return Document(context, html, status);
    }

    public static IResult Message(HttpContext context, string title, string message, int status) =>
        Page(context, title, $"<section class=\"card\"><h1>{E(title)}</h1><p>{E(message)}</p></section>", status);

    public static IResult NotFound(HttpContext context) =>
        Message(context, "Not found", "There is nothing here, or it is not yours to see.", StatusCodes.Status404NotFound);

    /// <summary>A notice line above a form: errors and confirmations.</summary>
    public static string Notice(string? text, bool error = true) =>
        string.IsNullOrEmpty(text) ? "" : $"<p class=\"{(error ? "error" : "notice")}\">{E(text)}</p>";
}
