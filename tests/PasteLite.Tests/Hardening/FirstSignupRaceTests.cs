using System.Net;
using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Hardening;

/// <summary>
/// Sign-ups arriving together on an empty instance: the first account becomes admin, and with disable-signup only
/// that first one is let in. The decision is made inside the user's insert, so exactly one wins however they interleave.
/// </summary>
public sealed class FirstSignupRaceTests : IAsyncLifetime
{
    private const int SignUps = 8;
    private readonly TestHome _home = new();
    private InProcessServer _server = null!;
    private readonly List<PageClient> _clients = [];

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync(_home);

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        await _server.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task Of_sign_ups_at_once_on_an_empty_instance_exactly_one_becomes_admin()
    {
        var statuses = await RegisterAllAtOnceAsync();

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Redirect, status));
        Assert.Equal(SignUps, Scalar("SELECT count(*) FROM users"));
        Assert.Equal(1, Scalar("SELECT count(*) FROM users WHERE is_admin = 1"));
    }

    [Fact]
    public async Task With_signup_disabled_only_one_of_the_first_sign_ups_gets_in_and_it_is_admin()
    {
        _server.Get<AdminSettingsStore>().Set("disable-signup", true);

        var statuses = await RegisterAllAtOnceAsync();

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(SignUps - 1, statuses.Count(s => s == HttpStatusCode.Forbidden));
        Assert.Equal(1, Scalar("SELECT count(*) FROM users"));
        Assert.Equal(1, Scalar("SELECT count(*) FROM users WHERE is_admin = 1"));
    }

    /// <summary>Each client fetches its anti-forgery cookie first; then all post the register form together.</summary>
    private async Task<HttpStatusCode[]> RegisterAllAtOnceAsync()
    {
        for (var i = 0; i < SignUps; i++)
        {
            var client = new PageClient(_server);
            _clients.Add(client);
            (await client.GetAsync("/-/register")).Dispose();
        }
        // Each sign-up hashes its password (PBKDF2, CPU-bound) in the request: on a 2-core machine the pool's two threads
        // would run them nearly one after another and hide the race. Enough threads that they truly overlap.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, SignUps * 2), io);
        using var go = new SemaphoreSlim(0);
        var posts = _clients.Select((client, i) => Task.Run(async () =>
        {
            await go.WaitAsync();
            using var response = await client.PostFormAsync("/-/register",
                ("username", $"early{i}"), ("password", "correct horse battery"), ("email", $"early{i}@example.org"));
            return response.StatusCode;
        })).ToList();
        go.Release(SignUps);
        return await Task.WhenAll(posts);
    }

    private long Scalar(string sql) => TestDatabase.Scalar<long>(_home.DatabasePath, sql);
}
