using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using PasteLite.Config;
using PasteLite.Data;

namespace PasteLite.Hosting;

/// <summary>
/// Prometheus metrics (text format 0.0.4) when metrics.enabled: served as GET /metrics on a second listener at
/// metrics.host:metrics.port (<see cref="MetricsListener"/>), and nothing else there; /metrics is not served on the main port. Requests on the main
/// port are counted by method, route template and status, with a latency histogram; pastes, gists and the database
/// size are read at each scrape.
/// </summary>
internal sealed class RequestMetrics
{
    public static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly ConcurrentDictionary<(string Method, string Route, int Status), long> _requests = new();
    private readonly long[] _buckets = new long[Buckets.Length];
    private long _count;
    private long _sumMicroseconds;

    public void Record(string method, string route, int status, TimeSpan elapsed)
    {
        _requests.AddOrUpdate((method, route, status), 1, (_, n) => n + 1);
        var seconds = elapsed.TotalSeconds;
        for (var i = 0; i < Buckets.Length; i++)
            if (seconds <= Buckets[i]) Interlocked.Increment(ref _buckets[i]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicroseconds, (long)(elapsed.Ticks / 10));
    }

    public string Render(InstanceStats stats)
    {
        var text = new StringBuilder();
        text.Append("# HELP pastelite_http_requests_total HTTP requests by method, route template and status.\n");
        text.Append("# TYPE pastelite_http_requests_total counter\n");
        foreach (var ((method, route, status), count) in _requests.OrderBy(r => r.Key.Route, StringComparer.Ordinal).ThenBy(r => r.Key.Method).ThenBy(r => r.Key.Status))
            text.Append($"pastelite_http_requests_total{{method=\"{Escape(method)}\",route=\"{Escape(route)}\",status=\"{status}\"}} {count}\n");

        text.Append("# HELP pastelite_http_request_duration_seconds Time from the request reaching the app to its answer.\n");
        text.Append("# TYPE pastelite_http_request_duration_seconds histogram\n");
        for (var i = 0; i < Buckets.Length; i++)
            text.Append($"pastelite_http_request_duration_seconds_bucket{{le=\"{Number(Buckets[i])}\"}} {Interlocked.Read(ref _buckets[i])}\n");
        var total = Interlocked.Read(ref _count);
        text.Append($"pastelite_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {total}\n");
        text.Append($"pastelite_http_request_duration_seconds_sum {Number(Interlocked.Read(ref _sumMicroseconds) / 1e6)}\n");
        text.Append($"pastelite_http_request_duration_seconds_count {total}\n");

        Gauge(text, "pastelite_pastes", "Pastes stored.", stats.Pastes);
        Gauge(text, "pastelite_gists", "Gists stored.", stats.Gists);
        Gauge(text, "pastelite_users", "User accounts.", stats.Users);
        Gauge(text, "pastelite_database_bytes", "Size of the SQLite database file and its WAL.", stats.DatabaseBytes);
        return text.ToString();
    }

    private static void Gauge(StringBuilder text, string name, string help, long value) =>
        text.Append($"# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n");

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Label values: backslash, double quote and newline escaped, as the text format asks.</summary>
    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}

internal static class Metrics
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services) => services.AddSingleton<RequestMetrics>();

    /// <summary>On the metrics port: GET|HEAD /metrics, everything else 404. Elsewhere: each request counted.</summary>
    public static void UsePrometheusMetrics(this WebApplication app)
    {
        var listener = app.Services.GetRequiredService<MetricsListener>();
        if (!listener.Enabled) return;
        var metrics = app.Services.GetRequiredService<RequestMetrics>();
        var db = app.Services.GetRequiredService<Database>();
        app.Use(async (context, next) =>
        {
            if (listener.Accepted(context))
            {
                var request = context.Request;
                if (request.Path == "/metrics" && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
                {
                    context.Response.ContentType = ContentType;
                    context.Response.Headers.CacheControl = "no-store";
                    await context.Response.WriteAsync(metrics.Render(InstanceStats.Read(db)));
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    await context.Response.WriteAsync("not found: this port serves GET /metrics only\n");
                }
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } raw
                    ? raw.Length > 1 ? raw.TrimEnd('/') : raw // a group's "" route reads "/api/v2/pastes/"
                    : "unmatched";
                metrics.Record(context.Request.Method.Length <= 10 ? context.Request.Method : "OTHER", route,
                    context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
            }
        });
    }
}
