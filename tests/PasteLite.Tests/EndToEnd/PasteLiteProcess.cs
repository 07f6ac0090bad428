using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace PasteLite.Tests.EndToEnd;

public sealed record ProcessResult(int ExitCode, string Out, string Error);

/// <summary>dist/pastelite run as a real process: a server on 127.0.0.1 with a temp home, or one CLI command.</summary>
public sealed partial class PasteLiteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PasteLiteProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            _output.Enqueue(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } m) _listening.TrySetResult(m.Groups[1].Value);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _errors.Enqueue(e.Data); };
        process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException(
            $"pastelite exited ({process.ExitCode}) before listening:\n{Output}\n{Errors}"));
        process.EnableRaisingEvents = true;
    }

    public Uri BaseUrl { get; private set; } = null!;
    public string Output => string.Join('\n', _output);
    public string Errors => string.Join('\n', _errors);
    public bool HasExited => _process.HasExited;
    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts `pastelite serve` and waits for its "listening on" line; unless told otherwise it listens on
    /// 127.0.0.1 and a free port chosen by the OS.
    /// </summary>
    public static async Task<PasteLiteProcess> StartServerAsync(string home, IEnumerable<string>? args = null,
        IReadOnlyDictionary<string, string>? env = null, bool anyFreePort = true)
    {
        var allArgs = new List<string> { "serve", "--home", home };
        if (anyFreePort) allArgs.AddRange(["--host", "127.0.0.1", "--port", "0"]);
        allArgs.AddRange(args ?? []);
        var server = new PasteLiteProcess(Process.Start(StartInfo(allArgs, env))!);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var url = await server._listening.Task.WaitAsync(TimeSpan.FromSeconds(20));
        server.BaseUrl = new Uri(url);
        return server;
    }

    /// <summary>Runs one CLI command to completion (30 s at most) and captures its streams.</summary>
    public static async Task<ProcessResult> RunAsync(IEnumerable<string> args, string? stdin = null,
        IReadOnlyDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(args, env))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pastelite {string.Join(' ', args)} did not finish:\n{await output}\n{await errors}");
        }
        return new ProcessResult(process.ExitCode, await output, await errors);
    }

    /// <summary>`user create NAME --password-stdin` then `token create` with the scopes; returns the token.</summary>
    public static async Task<string> CreateUserWithTokenAsync(string home, string name, string password, string scopes)
    {
        var user = await RunAsync(["user", "create", name, "--password-stdin", "--home", home], password + "\n");
        Assert.True(user.ExitCode == 0, $"user create {name}: {user.Error}");
        var token = await RunAsync(["token", "create", "e2e", "--user", name, "--scopes", scopes, "--home", home]);
        Assert.True(token.ExitCode == 0, $"token create for {name}: {token.Error}");
        return token.Out.Trim();
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env)
    {
        var info = new ProcessStartInfo(PublishedBinary.Path, args)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A clean slate: no OG_/PASTY_ settings leak in from the machine running the tests.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("OG_") || k.StartsWith("PASTY_")).ToList())
            info.Environment.Remove(name);
        foreach (var (name, value) in env ?? new Dictionary<string, string>()) info.Environment[name] = value;
        return info;
    }

    /// <summary>Sends SIGTERM and waits for the process to exit; returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan? timeout = null)
    {
        if (!_process.HasExited) _ = kill(_process.Id, SigTerm);
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process dies at once, with no shutdown code run (no drain, no WAL checkpoint).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _ = kill(_process.Id, SigKill);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(cancel.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try { await TerminateAsync(); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }

    private const int SigTerm = 15;
    private const int SigKill = 9;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [GeneratedRegex(@"listening on (http://[^\s,]+)")]
    private static partial Regex ListeningLine();
}
