using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using PasteLite.Config;

namespace PasteLite.Cli;

/// <summary>
/// `pastelite paste [FILE] --server URL [--expire D] [--burn] [--token T]`: uploads a file or stdin, byte for
/// byte, to a server's POST / and prints the paste's URL; the modification token goes to stderr.
/// Exit 1 with the server's one-line reason when it refuses, 2 on usage errors.
/// </summary>
internal static class PasteCommand
{
    public const string ServerVariable = "PASTELITE_SERVER";
    public const string TokenVariable = "PASTELITE_TOKEN";

    private sealed record Options(Argument<string?> File, Option<string?> Server, Option<string?> Expire, Option<bool> Burn, Option<string?> Token);

    public static Command Create(GlobalOptions global)
    {
        var options = new Options(
            new Argument<string?>("FILE") { Description = "File to paste; standard input when absent or -", Arity = ArgumentArity.ZeroOrOne },
            new Option<string?>("--server", "-s") { Description = $"Server URL, e.g. https://paste.example.com (default ${ServerVariable})" },
            new Option<string?>("--expire") { Description = "Delete the paste after this long: 30s, 10m, 1h, 7d" },
            new Option<bool>("--burn") { Description = "Delete the paste when it is first read" },
            new Option<string?>("--token") { Description = $"Personal access token, for servers with pasty.require-token (default ${TokenVariable})" });
        var command = new Command("paste", "Upload a file or standard input to a PasteLite server and print its URL")
        {
            options.File, options.Server, options.Expire, options.Burn, options.Token,
        };
        command.SetAction((parse, cancel) => RunAsync(global.Console, options, parse, cancel));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, Options options, ParseResult parse, CancellationToken cancel)
    {
        var target = ServerUrl(parse.GetValue(options.Server) ?? console.Environment.GetValueOrDefault(ServerVariable));
        var expire = parse.GetValue(options.Expire);
        if (expire is not null && (!Durations.TryParse(expire, out var lifetime) || lifetime <= TimeSpan.Zero))
            throw new CliError($"invalid --expire \"{expire}\": use a positive duration such as 30s, 10m, 1h or 7d", ExitCodes.Usage);
        var content = await ReadContentAsync(console, parse.GetValue(options.File), cancel);

        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (expire is not null) request.Headers.TryAddWithoutValidation("Expire", expire);
        if (parse.GetValue(options.Burn)) request.Headers.TryAddWithoutValidation("Burn-After-Reading", "true");
        if ((parse.GetValue(options.Token) ?? console.Environment.GetValueOrDefault(TokenVariable)) is { Length: > 0 } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        HttpResponseMessage response;
        string body;
        try
        {
            response = await http.SendAsync(request, cancel);
            body = await response.Content.ReadAsStringAsync(cancel);
        }
        catch (HttpRequestException e)
        {
            throw new CliError($"cannot reach {target}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new CliError($"{target} did not answer within 60 s");
        }
        using (response)
        {
            var line = FirstLine(body);
            if (!response.IsSuccessStatusCode)
                throw new CliError($"{target} refused the paste ({(int)response.StatusCode}{(line.Length > 0 ? ": " + line : "")})");
            var url = response.Headers.Location?.OriginalString ?? line;
            console.Out.WriteLine(url);
            if (response.Headers.TryGetValues("X-Modification-Token", out var tokens))
                console.Error.WriteLine($"modification token: {tokens.First()} (delete: curl -X DELETE -H 'Authorization: Bearer {tokens.First()}' {url})");
            return ExitCodes.Ok;
        }
    }

    /// <summary>The server's POST / URL; a base without http(s):// is a usage error.</summary>
    private static Uri ServerUrl(string? server)
    {
        if (string.IsNullOrWhiteSpace(server))
            throw new CliError($"paste needs --server URL (or ${ServerVariable})", ExitCodes.Usage);
        if (!Uri.TryCreate(server.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            throw new CliError($"invalid --server \"{server}\": expected an http:// or https:// URL", ExitCodes.Usage);
        var path = uri.AbsolutePath.EndsWith('/') ? uri.AbsolutePath : uri.AbsolutePath + "/";
        return new UriBuilder(uri) { Path = path, Query = "", Fragment = "" }.Uri;
    }

    private static async Task<byte[]> ReadContentAsync(CliConsole console, string? file, CancellationToken cancel)
    {
        if (file is not null and not "-")
        {
            try
            {
                return await File.ReadAllBytesAsync(file, cancel);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliError($"cannot read {file}: {e.Message}");
            }
        }
        if (console.OpenBinaryIn is null) return Encoding.UTF8.GetBytes(await console.In.ReadToEndAsync(cancel));
        await using var stdin = console.OpenBinaryIn();
        using var buffer = new MemoryStream();
        await stdin.CopyToAsync(buffer, cancel);
        return buffer.ToArray();
    }

    private static string FirstLine(string body) => body.Split('\n', 2)[0].Trim();
}
