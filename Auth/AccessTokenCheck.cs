using PasteLite.Config;

namespace PasteLite.Auth;

/// <summary>How a request's personal access token checked out.</summary>
internal enum TokenCheck
{
    /// <summary>No Authorization header: an anonymous request, nothing counted.</summary>
    Missing,
    Valid,
    /// <summary>A header that is no valid, unexpired token (any scheme but Bearer/Token too): counted against the client.</summary>
    Invalid,
    /// <summary>The client is past the failed-attempt limit: refused before the token is looked at; Retry-After is set.</summary>
    Throttled,
}

/// <summary>
/// Personal access tokens as every surface that takes them checks them (the Gist API, pasty's and the terminal's
/// creates under pasty.require-token, paste reads under require-login): one count of failures per client address
/// shared by all of them (<see cref="AuthThrottle.PersonalAccessTokens"/>), so spreading guesses over surfaces gains nothing.
/// </summary>
internal sealed class AccessTokenCheck(TokenAuthenticator tokens, FailedAttempts failures, Settings settings)
{
    public (TokenCheck Outcome, AuthenticatedToken? Grant) Check(HttpContext context)
    {
        if (context.Request.Headers.Authorization is not { Count: > 0 } header) return (TokenCheck.Missing, null);
        var key = AuthThrottle.Key(AuthThrottle.PersonalAccessTokens, context, settings);
        if (AuthThrottle.Blocked(failures, key, context)) return (TokenCheck.Throttled, null);
        if (TokenAuthenticator.ReadCredential(header.ToString()) is { } credential && tokens.Authenticate(credential) is { } grant)
            return (TokenCheck.Valid, grant);
        failures.Fail(key);
        return (TokenCheck.Invalid, null);
    }
}
