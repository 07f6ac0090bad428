using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace PasteLite.Tests.Support;

/// <summary>The real app (same builder as `serve`) on a TestServer, over a real SQLite file in a temp home.</summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessServer(WebApplication app, TestHome home)
    {
        _app = app;
        Home = home;
        Client = app.GetTestClient();
    }

    public TestHome Home { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>The TestServer itself, for requests that set connection details (a client address) on the HttpContext.</summary>
    public TestServer Server => _app.GetTestServer();

    public static Task<InProcessServer> StartAsync(TestHome home, IReadOnlyDictionary<string, string>? settings = null) =>
        StartAsync(home, settings, null);

    /// <summary>As above, with a hook on the builder after the app's own services (e.g. to replace TimeProvider).</summary>
    public static async Task<InProcessServer> StartAsync(TestHome home, IReadOnlyDictionary<string, string>? settings,
        Action<WebApplicationBuilder>? configure)
    {
        var app = PasteLiteApp.Build(home.Settings(settings), configure: b =>
        {
            b.WebHost.UseTestServer();
            configure?.Invoke(b);
        });
        await app.StartAsync();
        return new InProcessServer(app, home);
    }

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
