using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PasteLite.Tests.Pasty;

/// <summary>A request the webhook received.</summary>
public sealed record WebhookCall(string Method, string? ContentType, string? Authorization, string Body);

/// <summary>A real HTTP server on 127.0.0.1 (Kestrel, a free port) standing in for a report webhook.</summary>
public sealed class WebhookListener : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookListener(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }
    public ConcurrentQueue<WebhookCall> Calls { get; } = new();

    /// <summary>Starts a webhook that records each call and then runs <paramref name="answer"/>.</summary>
    public static async Task<WebhookListener> StartAsync(Func<HttpContext, Task> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        WebhookListener? listener = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            listener!.Calls.Enqueue(new WebhookCall(context.Request.Method, context.Request.ContentType,
                context.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, body));
            await answer(context);
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        listener = new WebhookListener(app, url + "/report");
        return listener;
    }

    /// <summary>A webhook that answers with this status and JSON body.</summary>
    public static Task<WebhookListener> AnsweringAsync(int status, string body) => StartAsync(async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
