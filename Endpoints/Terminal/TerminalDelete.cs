using Microsoft.AspNetCore.Mvc;
using PasteLite.Auth;
using PasteLite.Data;
using PasteLite.Services;

namespace PasteLite.Endpoints.Terminal;

/// <summary>
/// DELETE /{id} with `Authorization: Bearer &lt;modification token or pasty.admin-token&gt;`. Check order as on
/// pasty's API: (rate limit) → lookup (404) → credential (401 without one, 403 when it does not fit).
/// </summary>
internal static class TerminalDelete
{
    public static IResult Delete(string id, HttpContext context, [FromServices] PasteStore store, [FromServices] PasteService pastes,
        [FromServices] FailedAttempts failures, [FromServices] Config.Settings settings)
    {
        if (store.Find(id) is not { } paste) return TerminalText.Line(StatusCodes.Status404NotFound, "paste not found");
        var credential = TokenAuthenticator.ReadCredential(context.Request.Headers.Authorization);
        if (credential is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return TerminalText.Line(StatusCodes.Status401Unauthorized,
                "unauthorized: send Authorization: Bearer <modification token> (the X-Modification-Token the paste was created with)");
        }
        // Guessing is throttled per client (shared with pasty's PATCH/DELETE): 429 before the token is compared.
        var throttleKey = AuthThrottle.Key(AuthThrottle.ModificationTokens, context, settings);
        if (AuthThrottle.Blocked(failures, throttleKey, context))
            return TerminalText.Line(StatusCodes.Status429TooManyRequests, "too many failed attempts: wait and try again");
        if (!pastes.MayModify(paste, credential))
        {
            failures.Fail(throttleKey);
            return TerminalText.Line(StatusCodes.Status403Forbidden, "forbidden: that token may not delete this paste");
        }
        return store.Delete(id)
            ? TerminalText.Line(StatusCodes.Status200OK, $"deleted {id}")
            : TerminalText.Line(StatusCodes.Status404NotFound, "paste not found"); // deleted meanwhile
    }
}
