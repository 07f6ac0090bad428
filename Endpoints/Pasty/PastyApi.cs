using Microsoft.AspNetCore.Mvc;
using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Endpoints.Terminal;
using PasteLite.Hosting;

namespace PasteLite.Endpoints.Pasty;

/// <summary>
/// pasty's API v2 (see ../shared/reference/pasty-behaviour.md): the route table, plus the two small read-only
/// routes. Nothing is mapped when pasty.enabled is false. Paste routes are rate-limited; info and raw are not.
/// </summary>
internal static class PastyApi
{
    public static void MapPastyApi(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<Settings>();
        if (!settings.Pasty.Enabled) return;

        var api = app.MapGroup("/api/v2").WithPastyCors();
        api.MapGet("/info", Info);

        var pastes = api.MapGroup("/pastes");
        pastes.RequirePasteRateLimit(settings);
        var bodyLimit = PastyPastes.BodyLimit(settings); // read capped by the handler, which answers "too large paste content"
        pastes.MapPost("", PastyPastes.Create).WithBodyLimit(bodyLimit, handlerAnswers: true);
        pastes.MapGet("/{id}", PastyPastes.Get).RequirePasteReadAccess();
        pastes.MapPatch("/{id}", PastyPastes.Update).WithBodyLimit(bodyLimit, handlerAnswers: true);
        pastes.MapDelete("/{id}", PastyPastes.Delete);
        app.MapGet("/{id}/raw", Raw).WithPastyCors().RequirePasteReadAccess();
        foreach (var pattern in new[] { "/api/v2/info", "/api/v2/pastes", "/api/v2/pastes/{id}", "/{id}/raw" })
            app.MapPreflight(pattern);

        // Without reports the route does not exist at all (no preflight either): 404, as pasty documents.
        if (!settings.Pasty.ReportsEnabled) return;
        pastes.MapPost("/{id}/report", PastyReports.Report).WithBodyLimit(PastyReports.MaxReportBody, handlerAnswers: true);
        app.MapPreflight("/api/v2/pastes/{id}/report");
    }

    /// <summary>GET /api/v2/info: pasteLifetime is the autodelete lifetime in milliseconds, -1 when pastes live forever.</summary>
    private static IResult Info(Settings settings)
    {
        var pasty = settings.Pasty;
        var lifetime = pasty.AutodeleteEnabled ? (long)pasty.AutodeleteLifetime.TotalMilliseconds : -1;
        return JsonAnswer.Of(new PastyInfo(pasty.ModificationTokens, lifetime, pasty.ReportsEnabled, AppInfo.Version),
            PastyJsonContext.Wire.PastyInfo);
    }

    /// <summary>
    /// GET /{id}/raw (and the terminal's /raw/{id} and curl's /{id}): the content exactly, always as UTF-8 plain text
    /// that browsers must not sniff into HTML. A burn-after-reading paste is deleted by this read.
    /// </summary>
    internal static IResult Raw(string id, [FromServices] PasteStore store, HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        if (store.Read(id) is not { } paste) return PastyErrors.PasteNotFound();
        response.Headers.CacheControl = "no-store"; // an expiring or burnt paste must not live on in a cache
        return TypedResults.Bytes(paste.Content, PastyErrors.PlainText);
    }
}
