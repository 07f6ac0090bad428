using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using PasteLite.Config;

namespace PasteLite.Endpoints.Terminal;

internal enum BodyProblem { None, Empty, TooLarge, BadForm }

/// <summary>What a create request carried: the content bytes, or the problem (with a reason for a bad form).</summary>
internal sealed record PasteBody(byte[]? Content, BodyProblem Problem = BodyProblem.None, string? Reason = null);

/// <summary>
/// Reads a paste from a request body, holding at most pasty.length-cap + 1 bytes of it: the body byte for byte
/// whatever its content type (curl's --data-binary says application/x-www-form-urlencoded), except
/// multipart/form-data, which is read as a form: the first file part, else the first field with one of the given
/// names (`-F file=@notes.txt`, `-F 'content=<notes.txt'`).
/// </summary>
internal static class TerminalBody
{
    /// <summary>
    /// The most body a create may send: the cap plus room for a multipart envelope; without a cap, http.max-body-size.
    /// </summary>
    public static long Limit(Settings settings) =>
        settings.Pasty.LengthCap > 0 ? settings.Pasty.LengthCap + Hosting.Limits.MiB : settings.MaxBodySize;

    /// <summary>Without a cap, the request body limit (<see cref="Limit"/>) is what stops a huge body.</summary>
    private const long NoCap = int.MaxValue - 1;
    private const int MaxFormParts = 16;

    public static async Task<PasteBody> ReadAsync(HttpRequest request, Settings settings, IReadOnlyCollection<string> fieldNames)
    {
        long cap = settings.Pasty.LengthCap > 0 ? settings.Pasty.LengthCap : NoCap;
        var cancel = request.HttpContext.RequestAborted;
        var multipart = false;
        try
        {
            if (multipart = IsMultipart(request, out var boundary))
                return boundary is null ? new PasteBody(null, BodyProblem.BadForm, "multipart/form-data without a boundary")
                    : await ReadFormAsync(request.Body, boundary, cap, fieldNames, cancel);
            return Checked(await BodyReading.ReadCappedAsync(request.Body, request.ContentLength, cap, cancel));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new PasteBody(null, BodyProblem.TooLarge);
        }
        catch (InvalidDataException e)
        {
            return new PasteBody(null, BodyProblem.BadForm, "malformed multipart/form-data: " + e.Message.TrimEnd('.'));
        }
        catch (IOException) when (multipart && !cancel.IsCancellationRequested)
        {
            // The multipart reader's "unexpected end of stream": the body stopped before the closing boundary.
            return new PasteBody(null, BodyProblem.BadForm, "malformed multipart/form-data: the body ends before the closing boundary");
        }
    }

    private static bool IsMultipart(HttpRequest request, out string? boundary)
    {
        boundary = null;
        // Most uploads are not multipart (curl's --data-binary): skip parsing their content type (~2% of an upload).
        if (request.ContentType?.TrimStart().StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) != true) return false;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)) return false;
        var value = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        boundary = string.IsNullOrEmpty(value) || value.Length > 200 ? null : value;
        return true;
    }

    private static async Task<PasteBody> ReadFormAsync(Stream body, string boundary, long cap, IReadOnlyCollection<string> fieldNames,
        CancellationToken cancel)
    {
        var reader = new MultipartReader(boundary, body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
        byte[]? field = null;
        var parts = 0;
        while (await reader.ReadNextSectionAsync(cancel) is { } section)
        {
            if (++parts > MaxFormParts) return new PasteBody(null, BodyProblem.BadForm, $"more than {MaxFormParts} form parts");
            ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition);
            var name = HeaderUtilities.RemoveQuotes(disposition?.Name ?? default).Value ?? "";
            var isFile = disposition is not null && (disposition.FileName.HasValue || disposition.FileNameStar.HasValue);
            // Every part is read under the cap, the ones we skip too, so no part is ever held in full past it.
            var bytes = await BodyReading.ReadCappedAsync(section.Body, null, cap, cancel);
            if (isFile) return Checked(bytes);
            if (bytes is null && fieldNames.Contains(name)) return new PasteBody(null, BodyProblem.TooLarge);
            if (field is null && fieldNames.Contains(name)) field = bytes;
        }
        if (field is not null) return Checked(field);
        return new PasteBody(null, BodyProblem.BadForm, $"the form has no file part and no field named {string.Join(" or ", fieldNames)}");
    }

    private static PasteBody Checked(byte[]? bytes) => bytes switch
    {
        null => new PasteBody(null, BodyProblem.TooLarge),
        { Length: 0 } => new PasteBody(null, BodyProblem.Empty),
        _ => new PasteBody(bytes),
    };
}
