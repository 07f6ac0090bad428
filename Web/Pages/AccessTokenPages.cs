using Microsoft.AspNetCore.Mvc;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using PasteLite.Auth;
using PasteLite.Cli;
using PasteLite.Config;
using PasteLite.Data;
using static PasteLite.Web.Html;

namespace PasteLite.Web.Pages;

/// <summary>
/// /-/settings/access-tokens: create personal access tokens (shown once), list and delete them. Creating one answers a
/// redirect (Post/Redirect/Get), so reloading the page that shows the new token never makes another one.
/// </summary>
internal static class AccessTokenPages
{
    /// <summary>The query parameter of the redirect after a token is made: which <see cref="NewTokenFlash"/> entry to show.</summary>
    public const string CreatedParameter = "created";

    public static IResult Show(HttpContext context, [FromServices] AccessTokenStore tokens, [FromServices] Settings settings,
        [FromServices] NewTokenFlash flash)
    {
        var user = WebSession.User(context);
        var newToken = user is null ? null : flash.Take(context.Request.Query[CreatedParameter].ToString(), user.Id);
        return Render(context, tokens, settings, newToken: newToken);
    }

    private static IResult Render(HttpContext context, AccessTokenStore tokens, Settings settings,
        string? error = null, string? newToken = null, int status = 200)
    {
        var (user, redirect) = WebAccess.RequireUser(context);
        if (user is null) return redirect!;
        var rows = tokens.ListForUser(user.Id);
        // Last use as of now: the recorder writes it to the database only every few seconds.
        var usage = context.RequestServices.GetRequiredService<TokenUsageRecorder>();
        var list = rows.Count == 0 ? "<p class=\"muted\">No tokens yet.</p>" : $"""
            <div class="scroll"><table>
            <thead><tr><th>Name</th><th>Scopes</th><th>Created</th><th>Expires</th><th>Last used</th><th></th></tr></thead>
            <tbody>
            {string.Concat(rows.Select(t => $"""
                <tr><td>{E(t.Name)}</td><td>{E(t.Scopes.ToString())}</td><td>{Tables.Time(t.CreatedAt)}</td>
                <td>{Tables.Time(t.ExpiresAt)}{(t.IsExpired(DateTimeOffset.UtcNow) ? " <span class=\"badge\">expired</span>" : "")}</td>
                <td>{Tables.Time(Math.Max(t.LastUsedAt, usage.PendingLastUse(t.Id)))}</td>
                <td><form method="post" action="/-/settings/access-tokens/{t.Id}/delete" data-confirm="Delete the token {E(t.Name)}? Clients using it stop working.">
                {Csrf.Field(context)}<button type="submit" class="danger">Delete</button></form></td></tr>
                """))}
            </tbody></table></div>
            """;
        var created = newToken is null ? "" : $"""
            <section class="card">
            <p class="notice">Token created. Copy it now: it is not shown again.</p>
            <p class="secret" id="new-token">{E(newToken)}</p>
            <button type="button" class="secondary hidden" data-copy="new-token" data-label="Copy">Copy</button>
            </section>
            """;
        var disabled = settings.ApiEnabled ? "" : """
            <p class="error">The REST API is currently disabled. Tokens you create here cannot be used until an administrator enables it (api.enabled).</p>
            """;
        return Layout.Page(context, "Access tokens", $"""
            <h1>Access tokens</h1>
            <p><a href="/-/settings">Settings</a> · Tokens authenticate scripts and GitHub-style clients on <code>/api/</code>: <code>Authorization: Bearer og_...</code></p>
            {disabled}{created}{Layout.Notice(error)}
            <section class="card">
            <h2>New token</h2>
            <form method="post" action="/-/settings/access-tokens">
            {Csrf.Field(context)}
            <label>Name <input name="name" required maxlength="{TokenCommands.MaxNameLength}"></label>
            <div class="row">
            <label>Gists {ScopeSelect("scope_gist")}</label>
            <label>User {ScopeSelect("scope_user")}</label>
            <label>Expires (optional, last valid day) <input name="expires_at" type="date"></label>
            </div>
            <button type="submit">Create access token</button>
            </form>
            </section>
            <h2>Your tokens</h2>
            {list}
            """, status);
    }

    private static string ScopeSelect(string name) =>
        $"<select name=\"{name}\"><option value=\"0\">No access</option><option value=\"1\">Read</option><option value=\"2\">Read and write</option></select>";

    public static async Task<IResult> Create(HttpContext context, [FromServices] AccessTokenStore tokens, [FromServices] Settings settings,
        [FromServices] TimeProvider clock, [FromServices] NewTokenFlash flash)
    {
        var (user, redirect) = WebAccess.RequireUser(context);
        if (user is null) return redirect!;
        var (form, error) = await Forms.ReadAsync(context);
        if (form is null) return error!;
        var name = form["name"].ToString().Trim();
        if (name.Length is 0 or > TokenCommands.MaxNameLength)
            return Render(context, tokens, settings, $"The name must be 1 to {TokenCommands.MaxNameLength} characters.", status: 422);
        if (Level(form["scope_gist"]) is not { } gist || Level(form["scope_user"]) is not { } userScope)
            return Render(context, tokens, settings, "Pick a level for each scope.", status: 422);
        long expiresAt = 0;
        if (form["expires_at"].ToString() is { Length: > 0 } day)
        {
            if (AccessTokens.EndOfDay(day) is not { } end) return Render(context, tokens, settings, "The expiry must be a date.", status: 422);
            if (end < clock.GetUtcNow().ToUnixTimeSeconds()) return Render(context, tokens, settings, "The expiry date is in the past.", status: 422);
            expiresAt = end;
        }
        var token = AccessTokens.Generate();
        tokens.Create(user.Id, name, AccessTokens.Hash(token), new TokenScopes(gist, userScope), expiresAt);
        return Results.Redirect($"/-/settings/access-tokens?{CreatedParameter}={flash.Put(user.Id, token)}");
    }

    public static async Task<IResult> Delete(HttpContext context, string id, [FromServices] AccessTokenStore tokens)
    {
        var (user, redirect) = WebAccess.RequireUser(context);
        if (user is null) return redirect!;
        var (form, error) = await Forms.ReadAsync(context);
        if (form is null) return error!;
        // Only the owner's own tokens: someone else's id is quietly ignored, as Opengist does.
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var tokenId)
            && tokens.ListForUser(user.Id).Any(t => t.Id == tokenId))
            tokens.Revoke(tokenId);
        return Results.Redirect("/-/settings/access-tokens");
    }

    private static ScopeLevel? Level(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() switch
    {
        "0" => ScopeLevel.None, "1" => ScopeLevel.Read, "2" => ScopeLevel.Write, _ => null,
    };
}

/// <summary>
/// A new token between the POST that made it and the page that shows it: once, to the user who made it, for a few
/// minutes. In memory only (the database keeps just the hash); a restart in between loses it, and the list still has the token.
/// </summary>
internal sealed class NewTokenFlash(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (long UserId, string Token, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="token"/> for <paramref name="userId"/>; returns the random key that reads it.</summary>
    public string Put(long userId, string token)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, entry) in _entries)
            if (entry.Until <= now) _entries.TryRemove(key, out _);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _entries[id] = (userId, token, now + Lifetime);
        return id;
    }

    /// <summary>The token kept under <paramref name="id"/> for this user, removed as it is read; null when there is none (any more).</summary>
    public string? Take(string? id, long userId)
    {
        if (string.IsNullOrEmpty(id) || !_entries.TryGetValue(id, out var entry) || entry.UserId != userId) return null;
        if (!_entries.TryRemove(new KeyValuePair<string, (long, string, DateTimeOffset)>(id, entry))) return null;
        return entry.Until > clock.GetUtcNow() ? entry.Token : null;
    }
}
