using PasteLite.Data;
using PasteLite.Services;

namespace PasteLite.Endpoints.Pasty;

/// <summary>POST /api/v2/pastes/{id}/report: relays {"paste","reason"} to the webhook and its {success,message} back.</summary>
internal static class PastyReports
{
    public const long MaxReportBody = 64 * 1024;

    public static async Task<IResult> Report(string id, HttpRequest request, PasteStore store, ReportWebhook webhook)
    {
        if (store.Find(id) is null) return PastyErrors.PasteNotFound();

        var (document, error) = await PastyRequests.ReadJsonAsync(request, MaxReportBody,
            () => PastyErrors.Text(StatusCodes.Status400BadRequest, "too large report"));
        if (document is null) return error!;
        string? reason;
        using (document)
        {
            (reason, var invalid) = PastyRequests.ReadReport(document.RootElement);
            if (invalid is not null) return invalid;
        }
        if (string.IsNullOrEmpty(reason)) return PastyErrors.MissingReason();

        var outcome = await webhook.SendAsync(id, reason, request.HttpContext.RequestAborted);
        return outcome.Verdict is { } verdict
            ? JsonAnswer.Of(verdict, PastyJsonContext.Wire.ReportVerdict)
            : PastyErrors.WebhookFailed(outcome.Failure!);
    }
}
