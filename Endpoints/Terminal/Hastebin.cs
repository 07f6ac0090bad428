using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using PasteLite.Auth;
using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Hosting;
using PasteLite.Services;

namespace PasteLite.Endpoints.Terminal;

internal sealed record HastebinKey(string Key);
internal sealed record HastebinDocument(string Key, string Data);
internal sealed record HastebinMessage(string Message);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HastebinKey))]
[JsonSerializable(typeof(HastebinDocument))]
[JsonSerializable(typeof(HastebinMessage))]
internal sealed partial class HastebinJsonContext : JsonSerializerContext;

/// <summary>
/// hastebin's routes (pasty.hastebin-support), on the same pastes: POST /documents with the raw body (a multipart
/// form's file part or data field works too) answers {"key"}; GET /documents/{key} answers {"key","data"}. The
/// raw read, GET /raw/{key}, is the terminal's and always there. Errors are hastebin's {"message"} JSON. The
/// terminal's Expire and Burn-After-Reading options apply; the modification token comes in X-Modification-Token.
/// </summary>
internal static class Hastebin
{
    public static void MapHastebin(this IEndpointRouteBuilder app)
    {
        var settings = app.ServiceProvider.GetRequiredService<Settings>();
        var documents = app.MapGroup("/documents").RequirePasteRateLimit(settings);
        documents.MapPost("", Create).WithBodyLimit(TerminalBody.Limit(settings), handlerAnswers: true);
        documents.MapGet("/{key}", Get).RequirePasteReadAccess();
    }

    private static async Task<IResult> Create(HttpContext context, [FromServices] PasteService pastes, [FromServices] AccessTokenCheck tokens,
        [FromServices] Settings settings, [FromServices] TimeProvider clock)
    {
        var (created, failure) = await TerminalCreate.CreateAsync(context, ["file", "data", "content"], pastes, tokens, settings, clock);
        return failure is null
            ? JsonAnswer.Of(new HastebinKey(created!.Paste!.Id), HastebinJsonContext.Default.HastebinKey)
            : Message(failure.Status, failure.Reason);
    }

    /// <summary>Reading the document burns a burn-after-reading paste; bytes that are not UTF-8 arrive as U+FFFD.</summary>
    private static IResult Get(string key, [FromServices] PasteStore store) =>
        store.Read(key) is { } paste
            ? JsonAnswer.Of(new HastebinDocument(paste.Id, Encoding.UTF8.GetString(paste.Content)), HastebinJsonContext.Default.HastebinDocument)
            : Message(StatusCodes.Status404NotFound, "Document not found.");

    private static IResult Message(int status, string message) =>
        JsonAnswer.Of(new HastebinMessage(message), HastebinJsonContext.Default.HastebinMessage, statusCode: status);
}
