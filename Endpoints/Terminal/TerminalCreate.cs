using Microsoft.AspNetCore.Mvc;
using PasteLite.Auth;
using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Endpoints.Pasty;
using PasteLite.Hosting;
using PasteLite.Services;

namespace PasteLite.Endpoints.Terminal;

/// <summary>Why a terminal create failed: the status and a one-line reason; each surface words its answer from these.</summary>
internal sealed record CreateFailure(int Status, string Reason);

/// <summary>
/// POST / (and hastebin's POST /documents): a paste from the request body, through the same PasteService as
/// pasty's API (one id space, one size cap, one token scheme). Check order: (rate limit) → token under
/// pasty.require-token (429 for a client past the failed-token limit, 401) → options (400) → body (413 oversize,
/// 400 empty or bad form) → store.
/// </summary>
internal static class TerminalCreate
{
    public const string TooLarge = "too large paste content";

    /// <summary>201 with `&lt;url&gt;\n`, Location and X-Modification-Token. A browser's form post is sent on to the paste's page (303).</summary>
    public static async Task<IResult> Create(HttpContext context, [FromServices] PasteService pastes, [FromServices] AccessTokenCheck tokens,
        [FromServices] Settings settings, [FromServices] TimeProvider clock)
    {
        var (created, failure) = await CreateAsync(context, ["file", "content"], pastes, tokens, settings, clock);
        if (failure is not null) return TerminalText.Line(failure.Status, failure.Reason);

        var url = $"{PublicUrl.Base(context, settings)}/{created!.Paste!.Id}";
        context.Response.Headers.Location = url;
        if (TerminalText.WantsHtml(context.Request)) return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
        return TypedResults.Text(url + "\n", PastyErrors.PlainText, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// Authorizes, reads options and body, and stores the paste; sets X-Modification-Token when the paste has one.
    /// <paramref name="fieldNames"/> are the form fields a multipart body may carry the content in.
    /// </summary>
    public static async Task<(PasteCreation? Created, CreateFailure? Failure)> CreateAsync(HttpContext context,
        IReadOnlyCollection<string> fieldNames, PasteService pastes, AccessTokenCheck tokens, Settings settings, TimeProvider clock)
    {
        var request = context.Request;
        long? owner = null;
        if (settings.Pasty.RequireToken)
        {
            // A bad token counts against the client (shared with every surface that takes tokens); 429 past the limit.
            var (check, grant) = tokens.Check(context);
            if (check == TokenCheck.Throttled)
                return (null, new CreateFailure(StatusCodes.Status429TooManyRequests, "too many failed attempts: wait and try again"));
            if (grant is null || grant.Scopes.Gist < ScopeLevel.Write)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return (null, new CreateFailure(StatusCodes.Status401Unauthorized,
                    "unauthorized: this server needs a personal access token with gist:write (Authorization: Bearer og_...)"));
            }
            owner = grant.UserId;
        }

        var (options, invalid) = TerminalOptions.Read(request, settings, clock);
        if (options is null) return (null, new CreateFailure(StatusCodes.Status400BadRequest, invalid!));

        var body = await TerminalBody.ReadAsync(request, settings, fieldNames);
        switch (body.Problem)
        {
            case BodyProblem.Empty: return (null, new CreateFailure(StatusCodes.Status400BadRequest, "missing paste content"));
            case BodyProblem.TooLarge: return (null, new CreateFailure(StatusCodes.Status413PayloadTooLarge, TooLarge));
            case BodyProblem.BadForm: return (null, new CreateFailure(StatusCodes.Status400BadRequest, body.Reason!));
        }

        var created = await pastes.CreateAsync(body.Content!, "{}", new PasteExtras(options.ExpiresAt, options.BurnAfterRead, owner));
        switch (created.Error)
        {
            case PasteCreateError.None: break;
            case PasteCreateError.MissingContent: return (null, new CreateFailure(StatusCodes.Status400BadRequest, "missing paste content"));
            case PasteCreateError.TooLarge: return (null, new CreateFailure(StatusCodes.Status413PayloadTooLarge, TooLarge));
            default: return (null, new CreateFailure(StatusCodes.Status503ServiceUnavailable, "no free paste id was found; try again"));
        }
        if (created.ModificationToken is { } token) context.Response.Headers["X-Modification-Token"] = token;
        return (created, null);
    }
}
