using PasteLite.Data;
using static PasteLite.Web.Html;
using static PasteLite.Web.Pages.GistHtml;

namespace PasteLite.Web.Pages;

/// <summary>Gist lists: /all (everyone's public gists) and a user's gists (their page at /{user}).</summary>
internal static class UserPages
{
    /// <summary>
    /// The page of <paramref name="username"/>'s gists (public ones, and all of them for the user themself), 30 a page;
    /// null when there is no such user, so the single-segment dispatcher can try a paste id next.
    /// </summary>
    public static IResult? TryRender(HttpContext context, string username)
    {
        if (context.RequestServices.GetRequiredService<UserStore>().FindByName(username) is not { } owner) return null;
        if (WebAccess.RequireLogin(context) is { } login) return login;
        var viewer = WebSession.User(context);
        var own = viewer?.Id == owner.Id;
        var page = PageNumber(context);
        var (gists, total) = context.RequestServices.GetRequiredService<GistQueries>().List(
            new GistFilter { OwnerId = owner.Id, VisibleAs = own ? owner.Id : 0 }, (page - 1) * PageSize, PageSize);
        var newLink = own ? "<a class=\"button\" href=\"/-/new\">New gist</a>" : "";
        return Layout.Page(context, owner.Username, $"""
            <section>
            <div class="actions spread"><h1>{E(owner.Username)}</h1>{newLink}</div>
            <p class="muted">{Count(total, "gist")}{(own ? ", your unlisted and private ones included" : "")}</p>
            {List(gists, own ? "You have no gists yet." : "No public gists yet.")}
            {Pager(UserPath(owner.Username), page, (page - 1) * PageSize + gists.Count < total)}
            </section>
            """);
    }

    /// <summary>/all: every public gist, newest update first, 30 a page.</summary>
    public static IResult All(HttpContext context)
    {
        if (WebAccess.RequireLogin(context) is { } login) return login;
        var page = PageNumber(context);
        var (gists, total) = context.RequestServices.GetRequiredService<GistQueries>().List(
            new GistFilter { PublicOnly = true }, (page - 1) * PageSize, PageSize);
        return Layout.Page(context, "All gists", $"""
            <section>
            <h1>All gists</h1>
            <p class="muted">{Count(total, "public gist")}</p>
            {List(gists, "No public gists yet.")}
            {Pager("/all", page, (page - 1) * PageSize + gists.Count < total)}
            </section>
            """);
    }
}
