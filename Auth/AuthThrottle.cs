using PasteLite.Config;
using PasteLite.Hosting;

namespace PasteLite.Auth;

/// <summary>
/// Per-client throttling of guessed credentials on the token surfaces: personal access tokens on the Gist API and
/// modification tokens on pasty's API and the terminal. Keys are "surface:client address"; a success never clears a
/// key (so a client holding one good token cannot interleave guesses), the window does.
/// </summary>
internal static class AuthThrottle
{
    public const string Message = "Too many failed attempts";
    public const string ApiTokens = "api-token";
    public const string ModificationTokens = "modification-token";

    public static string Key(string surface, HttpContext context, Settings settings) =>
        surface + ":" + ClientAddress.Key(ClientAddress.Of(context, settings));

    /// <summary>When the client is blocked: sets Retry-After and returns true.</summary>
    public static bool Blocked(FailedAttempts failures, string key, HttpContext context)
    {
        if (failures.BlockedFor(key) is not { } left) return false;
        context.Response.Headers.RetryAfter = FailedAttempts.RetryAfterSeconds(left);
        return true;
    }
}
