using PasteLite.Auth;
using PasteLite.Data;

namespace PasteLite.Endpoints.GistApi;

/// <summary>Who is calling the Gist API: nobody, or a user through a token with its scopes.</summary>
internal sealed record ApiCaller(UserRow? User, TokenScopes Scopes)
{
    public static readonly ApiCaller Anonymous = new(null, TokenScopes.None);

    public bool IsAnonymous => User is null;

    public long UserId => User?.Id ?? 0;

    /// <summary>The "soft" gist:read scope: it widens what the caller sees to their own unlisted and private gists.</summary>
    public bool CanSeeOwnHidden => User is not null && Scopes.Gist >= ScopeLevel.Read;

    /// <summary>For list filters: whose non-public gists are visible besides public ones (0 = nobody's).</summary>
    public long VisibleAs => CanSeeOwnHidden ? User!.Id : 0;

    public bool Owns(GistRow gist) => User is not null && gist.UserId == User.Id;
}

internal static class ApiCallerAccess
{
    private static readonly object Key = new();

    public static ApiCaller Caller(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var caller) ? (ApiCaller)caller! : ApiCaller.Anonymous;

    public static void SetCaller(this HttpContext context, ApiCaller caller) => context.Items[Key] = caller;
}
