using Microsoft.AspNetCore.Mvc;
using PasteLite.Data;
using PasteLite.Endpoints.Pasty;
using PasteLite.Web;
using PasteLite.Web.Pages;

namespace PasteLite.Endpoints.Terminal;

/// <summary>
/// GET /{id}: curl gets the raw content (pasty's raw handler, which burns a burn-after-reading paste); a browser
/// gets the paste's page. A burn-after-reading page only asks for a click (a form POST to /{id}), so link-preview
/// bots, which only GET, never burn it.
/// </summary>
internal static class TerminalReads
{
    /// <summary>The form field the confirmation page posts; a POST without it is not a page's click.</summary>
    public const string RevealField = "reveal";

    public static IResult Get(string id, HttpContext context, [FromServices] PasteStore store) => Show(id, null, context, store);

    /// <summary>GET /{id}.{ext}: as pasty's frontend does, the extension picks the highlighting language.</summary>
    public static IResult GetAs(string id, string ext, HttpContext context, [FromServices] PasteStore store) => Show(id, ext, context, store);

    private static IResult Show(string id, string? language, HttpContext context, PasteStore store)
    {
        context.Response.Headers.Vary = "Accept";
        if (!TerminalText.WantsHtml(context.Request)) return PastyApi.Raw(id, store, context.Response);
        if (store.Look(id) is { } live)
            return PastePage.Render(context, id, live.BurnAfterRead ? null : live.Paste, live.BurnAfterRead, language);
        // Opengist's /{user} shares this path shape: with no paste of that id, it is a user's page.
        return (language is null ? UserPages.TryRender(context, id) : null) ?? PastePage.Render(context, id, null, burnAfterRead: false);
    }

    /// <summary>POST /{id} from the confirmation page: shows the content once, deleting a burn-after-reading paste.</summary>
    public static async Task<IResult> Reveal(string id, HttpContext context, [FromServices] PasteStore store)
    {
        if (!await IsRevealClickAsync(context.Request))
            return TerminalText.Line(StatusCodes.Status400BadRequest,
                $"POST / creates a paste; POST /{id} only reveals a burn-after-reading paste from its page (form field {RevealField})");
        if (store.Look(id) is not { } live) return PastePage.Render(context, id, null, burnAfterRead: false);
        if (!live.BurnAfterRead) return PastePage.Render(context, id, live.Paste, burnAfterRead: false);
        // Another reader may have burnt it between the look and now: then it is gone for this one.
        return store.Burn(id) is { } burnt
            ? PastePage.Render(context, id, burnt, burnAfterRead: true)
            : PastePage.Render(context, id, null, burnAfterRead: false);
    }

    /// <summary>
    /// A small form carrying the reveal field and the page's anti-forgery field, as the confirmation page posts it;
    /// anything else (or a malformed form) is not.
    /// </summary>
    private static async Task<bool> IsRevealClickAsync(HttpRequest request)
    {
        if (!request.HasFormContentType || request.ContentLength is null or > 1024) return false;
        try
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form.ContainsKey(RevealField) && Csrf.IsValid(request.HttpContext, form);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return false;
        }
    }
}
