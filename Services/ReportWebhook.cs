using System.Text.Json;
using PasteLite.Config;

namespace PasteLite.Services;

/// <summary>The webhook's answer, relayed to the reporter: both fields always present (missing ones are false and "").</summary>
internal sealed record ReportVerdict(bool Success, string Message);

/// <summary>Either the webhook's verdict or a short, HTML-free reason it could not be had.</summary>
internal sealed record ReportOutcome(ReportVerdict? Verdict, string? Failure);

/// <summary>
/// Relays a paste report to pasty.reports.webhook: POST {"paste","reason"} as JSON, with `Authorization: Bearer`
/// when a webhook token is set, and waits at most pasty.reports.timeout. A failure, a non-2xx answer, an answer
/// that is not the expected JSON, or no answer in time is a failure with a message, never a hung request.
/// </summary>
internal sealed partial class ReportWebhook(Settings settings, ILogger<ReportWebhook> logger) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // bounded per call by pasty.reports.timeout
        MaxResponseContentBufferSize = 64 * 1024,
    };

    public async Task<ReportOutcome> SendAsync(string pasteId, string reason, CancellationToken aborted)
    {
        var pasty = settings.Pasty;
        if (pasty.ReportsWebhook.Length == 0) return Failure("reports are enabled but no report webhook is configured");

        using var request = new HttpRequestMessage(HttpMethod.Post, pasty.ReportsWebhook) { Content = new ByteArrayContent(Body(pasteId, reason)) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        if (pasty.ReportsWebhookToken.Length > 0) request.Headers.Authorization = new("Bearer", pasty.ReportsWebhookToken);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(pasty.ReportsTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                WebhookFailed(logger, $"status {(int)response.StatusCode}", null);
                return Failure($"the report webhook responded with an unexpected error: {(int)response.StatusCode}");
            }
            var verdict = ReadVerdict(await response.Content.ReadAsByteArrayAsync(deadline.Token));
            if (verdict is null) WebhookFailed(logger, "an answer that is not {\"success\",\"message\"} JSON", null);
            return verdict is null ? Failure("the report webhook sent an invalid answer") : new ReportOutcome(verdict, null);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            WebhookFailed(logger, "no answer in time", null);
            return Failure($"the report webhook did not answer within {Durations.Format(pasty.ReportsTimeout)}");
        }
        catch (HttpRequestException e)
        {
            WebhookFailed(logger, "an unreachable webhook", e);
            return Failure("the report webhook could not be reached");
        }
    }

    public void Dispose() => _http.Dispose();

    private static ReportOutcome Failure(string message) => new(null, message);

    private static byte[] Body(string pasteId, string reason)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("paste", pasteId);
            json.WriteString("reason", reason);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>{"success": bool, "message": string}, keys in any case, extra keys ignored; null when it is not that.</summary>
    private static ReportVerdict? ReadVerdict(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
            bool success = false;
            string message = "";
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                if (property.Name.Equals("success", StringComparison.OrdinalIgnoreCase))
                {
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) success = value.GetBoolean();
                    else if (value.ValueKind != JsonValueKind.Null) return null;
                }
                else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase))
                {
                    if (value.ValueKind == JsonValueKind.String) message = value.GetString()!;
                    else if (value.ValueKind != JsonValueKind.Null) return null;
                }
            }
            return new ReportVerdict(success, message);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException) // not JSON, or a lone surrogate in text
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "report webhook failed: {What}")]
    private static partial void WebhookFailed(ILogger logger, string what, Exception? error);
}
