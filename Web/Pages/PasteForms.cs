using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using PasteLite.Config;
using PasteLite.Endpoints;
using PasteLite.Endpoints.Terminal;
using PasteLite.Services;
using static PasteLite.Web.Html;

namespace PasteLite.Web.Pages;

/// <summary>
/// POST /-/pastes: the home page's form. Without script it answers a page with the link and the modification
/// token; paste.js posts it with Accept: application/json, keeps the token in the browser and adds the key.
/// </summary>
internal static partial class PasteForms
{
    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IvFormat();

    public static async Task<IResult> Create(HttpContext context, [FromServices] PasteService pastes, [FromServices] Settings settings,
        [FromServices] TimeProvider clock)
    {
        var (form, error) = await Forms.ReadAsync(context);
        if (form is null) return error!;
        var user = WebSession.User(context);
        if (settings.Pasty.RequireToken && user is null) return Refuse(context, "Log in to create pastes on this server.", 401);

        var (options, optionsError) = TerminalOptions.Parse(Blank(form["expire"]), Blank(form["burn"]), settings, clock);
        if (options is null) return Refuse(context, optionsError!, 400);
        var metadata = new JsonObject();
        if (Blank(form["filename"]) is { } filename) metadata[PasteInfo.FilenameKey] = filename.Trim()[..Math.Min(filename.Trim().Length, 255)];
        if (Blank(form["encryption_iv"]) is { } iv)
        {
            if (!IvFormat().IsMatch(iv)) return Refuse(context, "invalid encryption iv", 400);
            metadata["pf_encryption"] = new JsonObject { ["alg"] = "AES-CBC", ["iv"] = iv };
        }

        var created = pastes.Create(Encoding.UTF8.GetBytes(form["content"].ToString()), metadata.ToJsonString(),
            new Data.PasteExtras(options.ExpiresAt, options.BurnAfterRead, user?.Id));
        switch (created.Error)
        {
            case PasteCreateError.MissingContent: return Refuse(context, "missing paste content", 400);
            case PasteCreateError.TooLarge: return Refuse(context, "too large paste content", 413);
            case PasteCreateError.NoFreeId: return Refuse(context, "no free paste id, try again", 503);
        }
        var id = created.Paste!.Id;
        if (WantsJson(context))
            return JsonAnswer.Of(new CreatedPaste(id, "/" + id, created.ModificationToken), WebJsonContext.Default.CreatedPaste);
        var token = created.ModificationToken is { } t
            ? $"<p>Modification token (to edit or delete it; shown only now):</p><p class=\"secret\" id=\"new-token\">{E(t)}</p>" : "";
        return Layout.Page(context, "Paste created", $"""
            <section class="card">
            <h1>Paste created</h1>
            <p><a href="/{U(id)}">/{E(id)}</a>{(options.BurnAfterRead ? " · it is deleted when first read" : "")}</p>
            {token}
            </section>
            """, StatusCodes.Status201Created);
    }

    private static string? Blank(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } s ? s : null;

    private static bool WantsJson(HttpContext context) => context.Request.Headers.Accept.ToString().Contains("application/json");

    private static IResult Refuse(HttpContext context, string message, int status) => WantsJson(context)
        ? TypedResults.Text(message, "text/plain; charset=utf-8", Encoding.UTF8, status)
        : Layout.Message(context, "Paste not created", message, status);
}

internal sealed record CreatedPaste(string Id, string Path, string? ModificationToken);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(CreatedPaste))]
internal sealed partial class WebJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
