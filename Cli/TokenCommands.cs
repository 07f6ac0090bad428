using System.CommandLine;
using System.Globalization;
using PasteLite.Auth;
using PasteLite.Data;

namespace PasteLite.Cli;

/// <summary>`pastelite token create | list | revoke`: personal access tokens for the Gist API.</summary>
internal static class TokenCommands
{
    public const int MaxNameLength = 255;

    public static Command Create(GlobalOptions global) => new("token", "Manage personal access tokens")
    {
        CreateToken(global),
        ListTokens(global),
        RevokeToken(global),
    };

    private static Command CreateToken(GlobalOptions global)
    {
        var name = new Argument<string>("NAME") { Description = "A name to recognise the token by" };
        var user = new Option<string>("--user") { Description = "Owner of the token", Required = true };
        var scopes = new Option<string?>("--scopes")
        {
            Description = "Comma-separated: gist:read, gist:write, user:read, user:write (none when omitted)",
        };
        var expires = new Option<string?>("--expires") { Description = "Last valid day, YYYY-MM-DD (server-local time)" };
        var command = new Command("create", "Create a token and print it (it is shown only this once)") { name, user, scopes, expires };
        command.SetAction(parse =>
        {
            var tokenName = parse.GetRequiredValue(name).Trim();
            if (tokenName.Length is 0 or > MaxNameLength)
                throw new CliError($"the token name must be 1 to {MaxNameLength} characters", ExitCodes.Usage);
            var granted = TokenScopes.Parse(parse.GetValue(scopes), out var scopeError)
                          ?? throw new CliError(scopeError!, ExitCodes.Usage);
            var expiresAt = parse.GetValue(expires) is { } day ? EndOfDay(day) : 0;

            var db = global.OpenDatabase(parse);
            var owner = new UserStore(db, TimeProvider.System).FindByName(parse.GetRequiredValue(user))
                        ?? throw new CliError($"no user named {parse.GetRequiredValue(user)}");
            if (expiresAt != 0 && expiresAt < DateTimeOffset.UtcNow.ToUnixTimeSeconds())
                global.Console.Error.WriteLine($"pastelite: warning: {parse.GetValue(expires)} is in the past, so the token is already expired");

            var token = AccessTokens.Generate();
            new AccessTokenStore(db, TimeProvider.System).Create(owner.Id, tokenName, AccessTokens.Hash(token), granted, expiresAt);
            global.Console.Out.WriteLine(token);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static long EndOfDay(string day) => AccessTokens.EndOfDay(day)
        ?? throw new CliError($"--expires takes a date as YYYY-MM-DD, not \"{day}\"", ExitCodes.Usage);

    private static Command ListTokens(GlobalOptions global)
    {
        var user = new Option<string>("--user") { Description = "Whose tokens to list", Required = true };
        var command = new Command("list", "List a user's tokens (never the tokens themselves)") { user };
        command.SetAction(parse =>
        {
            var db = global.OpenDatabase(parse);
            var owner = new UserStore(db, TimeProvider.System).FindByName(parse.GetRequiredValue(user))
                        ?? throw new CliError($"no user named {parse.GetRequiredValue(user)}");
            var tokens = new AccessTokenStore(db, TimeProvider.System).ListForUser(owner.Id);
            Tables.Write(global.Console.Out, ["ID", "NAME", "SCOPES", "CREATED", "EXPIRES", "LAST USED"],
                tokens.Select(t => (IReadOnlyList<string>)
                [
                    t.Id.ToString(CultureInfo.InvariantCulture), t.Name, t.Scopes.ToString(),
                    Tables.Time(t.CreatedAt), Tables.Time(t.ExpiresAt), Tables.Time(t.LastUsedAt),
                ]));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RevokeToken(GlobalOptions global)
    {
        var id = new Argument<long>("ID") { Description = "Token id, as `token list` shows it" };
        var command = new Command("revoke", "Delete a token; clients using it get 401 from then on") { id };
        command.SetAction(parse =>
        {
            var tokenId = parse.GetRequiredValue(id);
            if (!new AccessTokenStore(global.OpenDatabase(parse), TimeProvider.System).Revoke(tokenId))
                throw new CliError($"no token with id {tokenId}");
            global.Console.Out.WriteLine($"revoked token {tokenId}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
