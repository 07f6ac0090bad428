using PasteLite.Config;
using PasteLite.Hosting;

namespace PasteLite.Auth;

/// <summary>
/// Per-client throttling of guessed credentials, one count per kind of secret: personal access tokens wherever they
/// are accepted (<see cref="AccessTokenCheck"/>), modification and admin tokens on pasty's API and the terminal, and
/// passwords (the login form, the current password on the settings page). Keys are "kind:client address"; a success
/// never clears a key (so a client holding one good credential cannot interleave guesses), the window does.
/// </summary>
internal static class AuthThrottle
{
    public const string Message = "Too many failed attempts";
    public const string PersonalAccessTokens = "access-token";
    /// <summary>Modification tokens and pasty.admin-token: both are checked by the same comparison.</summary>
    public const string ModificationTokens = "modification-token";
    public const string Passwords = "password";

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
