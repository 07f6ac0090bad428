using System.CommandLine;
using PasteLite.Auth;
using PasteLite.Data;

namespace PasteLite.Cli;

/// <summary>`pastelite user create | list | delete`.</summary>
internal static class UserCommands
{
    public static Command Create(GlobalOptions global) => new("user", "Manage user accounts")
    {
        CreateUser(global),
        ListUsers(global),
        DeleteUser(global),
    };

    private static Command CreateUser(GlobalOptions global)
    {
        var name = new Argument<string>("NAME") { Description = "Username: letters, digits and dashes, at most 24" };
        var email = new Option<string?>("--email") { Description = "Email address" };
        var admin = new Option<bool>("--admin") { Description = "Make the user an instance admin" };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from standard input (required, so it never shows in the process list)",
        };
        var command = new Command("create", "Create a user") { name, email, admin, passwordStdin };
        command.SetAction(parse =>
        {
            var username = parse.GetRequiredValue(name);
            if (Usernames.Validate(username) is { } problem) throw new CliError(problem, ExitCodes.Usage);
            // Required on a flag means "must be given", which a bool option cannot express by itself.
            if (!parse.GetValue(passwordStdin))
                throw new CliError("user create needs --password-stdin (pipe the password in)", ExitCodes.Usage);
            var password = ReadPassword(global.Console.In);
            var users = new UserStore(global.OpenDatabase(parse), TimeProvider.System);
            var user = users.Create(username, parse.GetValue(email) ?? "", Passwords.Hash(password), parse.GetValue(admin))
                       ?? throw new CliError($"a user named {username} already exists");
            global.Console.Out.WriteLine($"created user {user.Username} (id {user.Id}{(user.IsAdmin ? ", admin" : "")})");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string ReadPassword(TextReader input)
    {
        // One line, without its line ending: `echo secret | pastelite user create ...` works as expected.
        var password = (input.ReadLine() ?? "").TrimEnd('\r');
        return password.Length > 0 ? password : throw new CliError("no password on standard input", ExitCodes.Usage);
    }

    private static Command ListUsers(GlobalOptions global)
    {
        var command = new Command("list", "List users");
        command.SetAction(parse =>
        {
            var users = new UserStore(global.OpenDatabase(parse), TimeProvider.System).List();
            Tables.Write(global.Console.Out, ["ID", "USERNAME", "EMAIL", "ADMIN", "CREATED"],
                users.Select(u => (IReadOnlyList<string>)
                    [u.Id.ToString(), u.Username, u.Email, u.IsAdmin ? "yes" : "no", Tables.Time(u.CreatedAt)]));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command DeleteUser(GlobalOptions global)
    {
        var name = new Argument<string>("NAME") { Description = "Username to delete, with their gists and tokens" };
        var command = new Command("delete", "Delete a user, their gists and their tokens") { name };
        command.SetAction(parse =>
        {
            var username = parse.GetRequiredValue(name);
            if (!new UserStore(global.OpenDatabase(parse), TimeProvider.System).Delete(username))
                throw new CliError($"no user named {username}");
            global.Console.Out.WriteLine($"deleted user {username}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
