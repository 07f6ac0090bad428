using System.Collections.Concurrent;
using System.Net;

namespace PasteLite.Tests.Support;

/// <summary>Every answer the write clients got, by operation and status: the tests assert that none was a 5xx.</summary>
internal sealed class StatusLog
{
    private readonly ConcurrentDictionary<(string Operation, int Status), int> _counts = new();
    private readonly ConcurrentQueue<string> _serverErrors = new();

    /// <summary>5xx answers, each with its operation and the start of its body (the exception text, if any).</summary>
    public IReadOnlyCollection<string> ServerErrors => _serverErrors;

    public int Total => _counts.Values.Sum();

    /// <summary>4xx answers: where every request should succeed, a refusal is a bug of the test or the server.</summary>
    public int Refused => _counts.Where(c => c.Key.Status is >= 400 and < 500).Sum(c => c.Value);

    /// <summary>Sends a request and records its answer; network failures propagate (no answer is no status).</summary>
    public async Task<HttpResponseMessage> SendAsync(string operation, Func<Task<HttpResponseMessage>> send)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (Exception e) when (e is not (HttpRequestException or OperationCanceledException or IOException))
        {
            // TestServer hands the app's unhandled exception to the caller where Kestrel would answer 500.
            response = new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent(e.ToString()) };
        }
        return await RecordAsync(operation, response);
    }

    private async Task<HttpResponseMessage> RecordAsync(string operation, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        _counts.AddOrUpdate((operation, status), 1, (_, n) => n + 1);
        if (status >= 500)
        {
            var body = await response.Content.ReadAsStringAsync();
            _serverErrors.Enqueue($"{operation} -> {status}: {body[..Math.Min(body.Length, 1500)]}");
        }
        return response;
    }

    /// <summary>One line per operation: "fork 201x12 404x3".</summary>
    public string Summary() => string.Join('\n', _counts.GroupBy(c => c.Key.Operation).OrderBy(g => g.Key)
        .Select(g => $"{g.Key}: {string.Join(' ', g.OrderBy(c => c.Key.Status).Select(c => $"{c.Key.Status}x{c.Value}"))}"));
}
