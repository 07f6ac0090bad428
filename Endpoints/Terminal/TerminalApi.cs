using PasteLite.Config;
using PasteLite.Endpoints.Pasty;
using PasteLite.Hosting;

namespace PasteLite.Endpoints.Terminal;

/// <summary>
/// The terminal surface: curl one-liners on / and /{id}, the raw reads, and hastebin's routes. The same pastes as
/// pasty's API; nothing is mapped when pasty.enabled is false. Creating and deleting are rate-limited like pasty's
/// paste routes; reads are not (as pasty's raw route is not).
/// </summary>
internal static class TerminalApi
{
    private const string Id = "/{id:" + PasteIdConstraint.Name + "}";

    /// <summary>The {id:pasteid} route constraint the terminal's top-level routes use.</summary>
    public static IServiceCollection AddTerminal(this IServiceCollection services) =>
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<PasteIdConstraint>(PasteIdConstraint.Name));

    public static void MapTerminal(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<Settings>();
        if (!settings.Pasty.Enabled) return;

        app.MapGet("/", TerminalUsage.Get);                                   // usage guide for curl, home page for browsers
        app.MapPost("/", TerminalCreate.Create).RequirePasteRateLimit(settings).WithBodyLimit(TerminalBody.Limit(settings), handlerAnswers: true);      // body, file upload or form -> <url>\n
        app.MapGet(Id, TerminalReads.Get).RequirePasteReadAccess();           // raw for curl, the page for browsers
        app.MapGet(Id + ".{ext}", TerminalReads.GetAs).RequirePasteReadAccess(); // /{id}.py: the page highlighted as Python
        app.MapPost(Id, TerminalReads.Reveal).RequirePasteReadAccess();       // the burn-after-reading page's button
        app.MapDelete(Id, TerminalDelete.Delete).RequirePasteRateLimit(settings);     // Bearer modification token
        app.MapGet("/raw/{id}", PastyApi.Raw).RequirePasteReadAccess();       // always raw (hastebin's raw route too)
        if (settings.Pasty.HastebinSupport) app.MapHastebin();                // /documents
    }
}
