using System.Text.Json;
using PasteLite.Data;
using PasteLite.Gists;

namespace PasteLite.Endpoints.GistApi;

/// <summary>One entry of a request's `files` object; a JSON null value is <c>null</c> itself.</summary>
internal sealed record FileInput(string? Content, string? Filename);

/// <summary>A gist create or update body as sent: absent fields are null, `files` keeps the client's keys.</summary>
internal sealed record GistInput(
    string? Title, string? Description, string? Visibility, bool? Public, string? Expire, string? ExpiresAt,
    IReadOnlyList<KeyValuePair<string, FileInput?>>? Files);

/// <summary>Reads gist bodies by hand, so malformed JSON or a wrong type is Opengist's 422 "could not bind data", never a 500.</summary>
internal static class GistInputs
{
    public const int MaxTitle = 250;
    public const int MaxDescription = 1000;

    public static async Task<(GistInput? Input, IResult? Error)> ReadAsync(HttpRequest request)
    {
        var body = await new StreamReader(request.Body).ReadToEndAsync(request.HttpContext.RequestAborted);
        if (body.Trim().Length == 0) return (new GistInput(null, null, null, null, null, null, null), null);
        if (!IsJson(request.ContentType)) return (null, ApiErrors.Unprocessable(ApiErrors.CouldNotBind));
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            return (Parse(document.RootElement), null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return (null, ApiErrors.Unprocessable(ApiErrors.CouldNotBind));
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static GistInput Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("body is not an object");
        List<KeyValuePair<string, FileInput?>>? files = null;
        if (root.TryGetProperty("files", out var filesElement) && filesElement.ValueKind != JsonValueKind.Null)
        {
            if (filesElement.ValueKind != JsonValueKind.Object) throw new FormatException("files is not an object");
            files = [];
            foreach (var entry in filesElement.EnumerateObject())
            {
                var file = entry.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.Object => new FileInput(OptionalString(entry.Value, "content"), OptionalString(entry.Value, "filename")),
                    _ => throw new FormatException("a file is not an object"),
                };
                files.Add(new(entry.Name, file));
            }
        }
        bool? isPublic = root.TryGetProperty("public", out var p) && p.ValueKind != JsonValueKind.Null ? p.GetBoolean() : null;
        return new GistInput(OptionalString(root, "title"), OptionalString(root, "description"), OptionalString(root, "visibility"),
            isPublic, OptionalString(root, "expire"), OptionalString(root, "expires_at"), files);
    }

    /// <summary>A string property, null when absent or JSON null; any other type throws (GetString's InvalidOperationException).</summary>
    private static string? OptionalString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    /// <summary>Title, description and file name limits; null when all hold, else Opengist's validator message.</summary>
    public static string? Validate(string? title, string? description, IReadOnlyList<NewFile> files)
    {
        if (files.Count == 0) return "Key: 'GistDTO.Files' Error:Field validation for 'Files' failed on the 'min' tag";
        if (title is { Length: > MaxTitle }) return "Key: 'GistDTO.Title' Error:Field validation for 'Title' failed on the 'max' tag";
        if (description is { Length: > MaxDescription })
            return "Key: 'GistDTO.Description' Error:Field validation for 'Description' failed on the 'max' tag";
        for (var i = 0; i < files.Count; i++)
        {
            if (files[i].Name.Length > FileNames.MaxLength)
                return $"Key: 'GistDTO.Files[{i}].Filename' Error:Field validation for 'Filename' failed on the 'max' tag";
            if (FileNames.Problem(files[i].Name) is { } problem) return problem;
        }
        return null;
    }

    /// <summary>Resolves `visibility`, then GitHub's `public`; null with an error for an unknown name.</summary>
    public static (Visibility? Value, IResult? Error) ResolveVisibility(string? visibility, bool? isPublic)
    {
        if (visibility is not null)
            return Visibilities.Parse(visibility) is { } v ? (v, null)
                : (null, ApiErrors.Unprocessable($"visibility must be one of public, unlisted, private, not \"{visibility}\""));
        // GitHub clients say public:false for a secret gist: readable by link, not listed, which is our unlisted.
        return (isPublic switch { true => Visibility.Public, false => Visibility.Unlisted, null => null }, null);
    }
}
