using PasteLite.Auth;
using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Endpoints;
using PasteLite.Endpoints.GistApi;
using PasteLite.Endpoints.Pasty;
using PasteLite.Endpoints.Terminal;
using PasteLite.Hosting;
using PasteLite.Services;
using PasteLite.Web;

namespace PasteLite;

/// <summary>Assembles the server: services, middleware and every surface's routes. `serve` and the tests both build it here.</summary>
internal static class PasteLiteApp
{
    public static WebApplication Build(Settings settings, IReadOnlyList<string>? warnings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        // Storage first: a bad home or a too-new database stops start-up before anything listens.
        settings = HomeDirectory.Prepare(settings);
        var db = new Database(settings.DatabasePath);
        db.Initialize(settings.JournalMode);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = settings.Home,
            // No watcher on the home folder for appsettings*.json (PasteLite reads its own config.yml): with one,
            // every write to the database's WAL woke a file-watch thread (~10% of a paste create's CPU).
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.UsePasteLiteConsole(settings.LogLevel);
        builder.WebHost.ListenOn(settings);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, GistJsonContext.Default);
            // Every surface serializes through its own context; this policy only names the Gist API's OpenAPI schemas.
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
        });

        // Shared state: settings, clock, the database and one store per aggregate.
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(db);
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddSingleton<AccessTokenStore>();
        builder.Services.AddSingleton<AdminSettingsStore>();
        builder.Services.AddSingleton<TokenUsageRecorder>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TokenUsageRecorder>());
        builder.Services.AddSingleton<TokenAuthenticator>();
        builder.Services.AddSingleton<FailedAttempts>();   // guessed credentials, per client (AuthThrottle)
        builder.Services.AddSingleton<AccessTokenCheck>();
        builder.Services.AddGistApi();
        builder.Services.AddGistOpenApi();
        builder.Services.AddPastes(settings); // paste store and creation, per-IP rate limiter, report webhook, expiry sweeper
        builder.Services.AddTerminal();       // the {id:pasteid} route constraint of the terminal's /{id} routes
        builder.Services.AddPrometheusMetrics();
        builder.Services.AddWebUi();          // sessions, gist page routes
        configure?.Invoke(builder);

        var app = builder.Build();
        app.LogStartupWarnings(warnings ?? []);
        app.UseSecurityHeaders();    // first, so every answer has them, the metrics port's too
        app.UsePrometheusMetrics();  // metrics.enabled: /metrics on its own port, and every other request counted
        app.UseRequestLogging();
        app.UseGistApiCors();
        app.UseBodyLimits();
        app.UseGistApiNotFound();

        // Surfaces: each maps its own routes (the Gist API, pasty's API, terminal and web UI join here).
        app.MapHealth();
        app.MapGistApi();  // Opengist's REST API under /api/ (and GitHub Gist clients)
        app.MapWebUi();    // the web UI: pages under /-/, assets, gists and pastes in a browser
        app.MapPastyApi(); // pasty's API v2: /api/v2/info, /api/v2/pastes..., /{id}/raw (none when pasty.enabled is false)
        app.MapTerminal(); // curl and hastebin: GET|POST /, GET|POST|DELETE /{id}, /raw/{id}, /documents (none when pasty.enabled is false)

        // SIGTERM drains in-flight requests (HostOptions.ShutdownTimeout), then the database is closed cleanly.
        app.Lifetime.ApplicationStopped.Register(db.Close);
        return app;
    }
}
