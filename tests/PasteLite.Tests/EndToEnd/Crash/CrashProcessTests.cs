using System.Diagnostics;
using PasteLite.Tests.Support;
using Xunit.Abstractions;

namespace PasteLite.Tests.EndToEnd.Crash;

/// <summary>
/// "No data lost" on dist/pastelite: clients write through every surface at once (pasty's API, the terminal, hastebin,
/// the Gist API, the web forms), the server is killed with SIGKILL at a seeded moment, and after a restart on the same
/// home every write that was answered with success is there, intact. CRASH_ROUNDS (default 2) and CRASH_SEED choose
/// a longer or repeated run.
/// </summary>
public sealed class CrashProcessTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Env = new() { ["OG_PASTY_RATE_LIMIT"] = "off" };
    private const string Password = "crash test password";
    private const int ApiWorkers = 8;
    private const int WebWorkers = 2;

    private sealed record Outcome(CrashProblems Problems, int ExitCode, string Integrity, int ForeignKeyErrors)
    {
        public bool Clean => Problems.Count == 0 && ExitCode == 0 && Integrity == "ok" && ForeignKeyErrors == 0;

        public override string ToString() =>
            $"exit {ExitCode}, integrity {Integrity}, {ForeignKeyErrors} foreign key errors, {Problems.Count} missing or corrupt:\n{Problems}";
    }

    [Fact]
    public async Task Every_write_acknowledged_on_any_surface_survives_sigkill()
    {
        var rounds = EnvInt("CRASH_ROUNDS", 2);
        var seed = EnvInt("CRASH_SEED", Random.Shared.Next(1_000_000));
        output.WriteLine($"crash test: {rounds} rounds, seed {seed} (CRASH_SEED={seed} repeats the choices; thread timing still varies)");
        var clock = Stopwatch.StartNew();
        using var home = new TestHome();
        List<CrashUser> users = [];
        foreach (var name in new[] { "alice", "bob", "carol" })
            users.Add(new CrashUser(name, Password,
                await PasteLiteProcess.CreateUserWithTokenAsync(home.Path, name, Password, "gist:read,gist:write,user:read,user:write")));

        var ledgers = new List<CrashLedger>();
        var failures = new List<string>();
        for (var round = 1; round <= rounds; round++)
        {
            var ledger = new CrashLedger();
            var log = new StatusLog();
            var killedAfter = await WriteUntilKilledAsync(home, users, ledger, log, new Random(seed + round));
            var outcome = await RestartAndVerifyAsync(home, users, [ledger]);
            ledgers.Add(ledger);
            output.WriteLine($"round {round}: killed {killedAfter} ms into the writes, {ledger.Acknowledged} acknowledged, {ledger.InFlight} in flight, " +
                $"{outcome.Problems.Missing.Count} missing, {outcome.Problems.Corrupt.Count} corrupt, {log.ServerErrors.Count} 5xx, " +
                $"integrity {outcome.Integrity}, {outcome.ForeignKeyErrors} foreign key errors, exit {outcome.ExitCode}");
            if (!outcome.Clean) failures.Add($"round {round}: {outcome}");
            if (log.ServerErrors.Count > 0) failures.Add($"round {round} 5xx:\n{string.Join('\n', log.ServerErrors.Take(5))}");
            // Every write here is one the server should accept: a refusal means less was tested than it seems.
            if (log.Refused > 0) failures.Add($"round {round}: {log.Refused} writes refused:\n{log.Summary()}");
        }

        // Once more at the end: nothing acknowledged in an early round was lost by a later crash.
        var final = await RestartAndVerifyAsync(home, users, ledgers);
        if (!final.Clean) failures.Add($"final check of all rounds: {final}");
        output.WriteLine($"total: {rounds} rounds, {ledgers.Sum(l => l.Acknowledged)} acknowledged writes " +
            $"({ledgers.Sum(l => l.Pastes.Count)} pastes, {ledgers.Sum(l => l.Gists.Count)} gists, {ledgers.Sum(l => l.Forks.Count)} forks, " +
            $"{ledgers.Sum(l => l.Likes.Count)} likes; {ledgers.Sum(l => l.InFlight)} updates in flight at the kills), final check {final.Problems.Count} missing or corrupt, " +
            $"integrity {final.Integrity}, {clock.Elapsed.TotalSeconds:F0} s, seed {seed}");
        Assert.True(failures.Count == 0, $"seed {seed}:\n{string.Join("\n\n", failures)}");
    }

    /// <summary>Starts the server, runs the writers, kills it at a seeded moment once writes flow; returns when (ms).</summary>
    private static async Task<long> WriteUntilKilledAsync(TestHome home, List<CrashUser> users, CrashLedger ledger, StatusLog log, Random random)
    {
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path, env: Env);
        using var http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        var api = new ApiWrites(http, log);
        var pages = new List<PageClient>();
        try
        {
            var workers = new List<CrashWorker>();
            for (var i = 0; i < ApiWorkers + WebWorkers; i++)
            {
                WebWrites? web = null;
                var user = i < ApiWorkers ? users[i % 2] : users[2];
                if (i >= ApiWorkers)
                {
                    var page = new PageClient(server.BaseUrl, TimeSpan.FromSeconds(10));
                    pages.Add(page);
                    await page.LoginAsync(user.Name, user.Password);
                    web = new WebWrites(page, log);
                }
                workers.Add(new CrashWorker(i, new Random(random.Next()), ledger, user, api, web));
            }

            using var stop = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            var running = workers.Select(w => Task.Run(() => w.RunAsync(stop.Token))).ToArray();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (ledger.Acknowledged < 20 && DateTime.UtcNow < deadline && running.All(r => !r.IsCompleted)) await Task.Delay(5);
            await Task.Delay(random.Next(2000));
            await server.KillAsync();
            var killedAfter = clock.ElapsedMilliseconds;
            await stop.CancelAsync();
            await Task.WhenAll(running);
            Assert.True(ledger.Acknowledged >= 20, $"only {ledger.Acknowledged} writes were acknowledged before the kill:\n{log.Summary()}");
            return killedAfter;
        }
        finally
        {
            foreach (var page in pages) page.Dispose();
        }
    }

    /// <summary>Restarts on the same home (recovering the WAL), verifies the ledgers over HTTP, stops cleanly, checks the file.</summary>
    private static async Task<Outcome> RestartAndVerifyAsync(TestHome home, List<CrashUser> users, IEnumerable<CrashLedger> ledgers)
    {
        CrashProblems problems;
        int exit;
        await using (var server = await PasteLiteProcess.StartServerAsync(home.Path, env: Env))
        {
            using var http = new HttpClient { BaseAddress = server.BaseUrl };
            problems = await new CrashVerifier(http, users).VerifyAsync(ledgers);
            exit = await server.TerminateAsync();
        }
        return new Outcome(problems, exit, TestDatabase.Scalar<string>(home.DatabasePath, "PRAGMA integrity_check"),
            TestDatabase.Query<object>(home.DatabasePath, "PRAGMA foreign_key_check").Count);
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
}
