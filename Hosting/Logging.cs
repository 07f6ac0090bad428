using System.Diagnostics;
using Microsoft.Extensions.Logging.Console;

namespace PasteLite.Hosting;

internal static partial class Logging
{
    /// <summary>One line per event on stdout, at log-level; the framework's own chatter only from warn up.</summary>
    public static void UsePasteLiteConsole(this ILoggingBuilder logging, LogLevel level)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        logging.SetMinimumLevel(level);
        var frameworkLevel = level > LogLevel.Warning ? level : (level == LogLevel.Debug ? LogLevel.Information : LogLevel.Warning);
        logging.AddFilter("Microsoft", frameworkLevel);
        logging.AddFilter("System", frameworkLevel);
        // These log whole URLs with their query ("Request starting ... /x?access_token=...", "redirecting to
        // /-/login?return=...?key=..."), which may carry secrets; our request log below has the path alone.
        foreach (var category in QueryLoggingCategories)
            logging.AddFilter(category, level > LogLevel.Warning ? level : LogLevel.Warning);
        // Its lines are the per-request ones above; while any level of it is on, the host also starts an Activity
        // and a log scope for every request (~4% of a paste read's CPU), so it is off entirely.
        logging.AddFilter(HostingDiagnostics, LogLevel.None);
    }

    private const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private static readonly string[] QueryLoggingCategories =
    [
        "Microsoft.AspNetCore.Http.Result", "System.Net.Http.HttpClient",
    ];

    /// <summary>
    /// Logs request id, method, path, status, duration and route template of every request at info (never the query: it may carry
    /// secrets); the id is also sent back as X-Request-Id so a user's report can be matched to the log line.
    /// </summary>
    public static void UseRequestLogging(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PasteLite.Requests");
        if (!logger.IsEnabled(LogLevel.Information)) return; // the level is fixed at start-up: below info, no step at all
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
            try
            {
                await next(context);
            }
            finally
            {
                RequestDone(logger, context.TraceIdentifier, context.Request.Method, context.Request.Path.Value ?? "/",
                    context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, RouteOf(context));
            }
        });
    }

    public static void LogStartupWarnings(this WebApplication app, IEnumerable<string> warnings)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PasteLite.Config");
        foreach (var warning in warnings) ConfigWarning(logger, warning);
    }

    /// <summary>The matched route's template (what metrics group by), or "-" when no route matched.</summary>
    private static string RouteOf(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template } ? template : "-";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{RequestId} {Method} {Path} {Status} {ElapsedMs:0.0}ms route={Route}")]
    private static partial void RequestDone(ILogger logger, string requestId, string method, string path, int status, double elapsedMs, string route);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "config: {Warning}")]
    private static partial void ConfigWarning(ILogger logger, string warning);
}
