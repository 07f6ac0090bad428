using System.Net;
using System.Net.NetworkInformation;
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
/// that is not the expected JSON, or no answer in time is a failure with a message, never a hung request. A webhook
/// that points back at this server is refused (a report would report itself in a loop), and at most
/// <see cref="MaxAnswerBytes"/> of the answer are read.
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
        MaxResponseContentBufferSize = MaxAnswerBytes + 1,
    };

    public const int MaxAnswerBytes = 64 * 1024;

    public async Task<ReportOutcome> SendAsync(string pasteId, string reason, CancellationToken aborted)
    {
        var pasty = settings.Pasty;
        if (pasty.ReportsWebhook.Length == 0) return Failure("reports are enabled but no report webhook is configured");
        if (PointsAtSelf(new Uri(pasty.ReportsWebhook), settings))
        {
            WebhookFailed(logger, "it points at this server itself", null);
            return Failure("the report webhook points at this server itself; refusing to send reports in a loop");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, pasty.ReportsWebhook) { Content = new ByteArrayContent(Body(pasteId, reason)) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        if (pasty.ReportsWebhookToken.Length > 0) request.Headers.Authorization = new("Bearer", pasty.ReportsWebhookToken);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(pasty.ReportsTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                WebhookFailed(logger, $"status {(int)response.StatusCode}", null);
                return Failure($"the report webhook responded with an unexpected error: {(int)response.StatusCode}");
            }
            if (await ReadCappedAsync(response.Content, deadline.Token) is not { } answer)
            {
                WebhookFailed(logger, $"an answer over {MaxAnswerBytes} bytes", null);
                return Failure($"the report webhook's answer is larger than {MaxAnswerBytes / 1024} KiB");
            }
            var verdict = ReadVerdict(answer);
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

    /// <summary>The answer's bytes, or null when it is longer than <see cref="MaxAnswerBytes"/> (only that much is read).</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationToken cancel)
    {
        if (content.Headers.ContentLength > MaxAnswerBytes) return null;
        await using var stream = await content.ReadAsStreamAsync(cancel);
        var buffer = new byte[MaxAnswerBytes + 1];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(filled), cancel)) > 0) filled += read;
        return filled > MaxAnswerBytes ? null : buffer[..filled];
    }

    /// <summary>
    /// Whether a webhook URL reaches this server: external-url's host and port, or http.port on a loopback address,
    /// on http.host, on this machine's name, or (when listening on every address) on any address of this machine.
    /// </summary>
    public static bool PointsAtSelf(Uri webhook, Settings settings)
    {
        var host = webhook.IdnHost.Trim('[', ']');
        if (Uri.TryCreate(settings.ExternalUrl, UriKind.Absolute, out var external)
            && string.Equals(external.IdnHost.Trim('[', ']'), host, StringComparison.OrdinalIgnoreCase) && external.Port == webhook.Port)
            return true;
        if (settings.HttpHost.StartsWith('/') || webhook.Port != settings.HttpPort) return false;

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || string.Equals(host, settings.HttpHost.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
            || string.Equals(host, Dns.GetHostName(), StringComparison.OrdinalIgnoreCase))
            return true;
        if (!IPAddress.TryParse(host, out var address)) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
        var listensEverywhere = settings.HttpHost is "0.0.0.0" or "::" or "[::]";
        return listensEverywhere && LocalAddresses().Contains(address);
    }

    private static HashSet<IPAddress> LocalAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => a.Address).ToHashSet();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }

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
