using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PasteLite.Endpoints;

/// <summary>
/// A JSON answer sent with its Content-Length: serialized whole first, then written in one piece. TypedResults.Json
/// streams into the response instead, which goes out chunked: a chunk header before the body and a last chunk after.
/// </summary>
internal sealed class JsonAnswer<T>(T value, JsonTypeInfo<T> typeInfo, string contentType, int statusCode)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    public T Value => value;
    object? IValueHttpResult.Value => value;
    public int StatusCode => statusCode;
    int? IStatusCodeHttpResult.StatusCode => statusCode;
    public string ContentType => contentType;

    public Task ExecuteAsync(HttpContext http)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        var response = http.Response;
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }
}

internal static class JsonAnswer
{
    public const string Utf8Json = "application/json; charset=utf-8";

    /// <summary>TypedResults.Json's signature, answered with a Content-Length (see <see cref="JsonAnswer{T}"/>).</summary>
    public static JsonAnswer<T> Of<T>(T value, JsonTypeInfo<T> typeInfo, string? contentType = null, int? statusCode = null) =>
        new(value, typeInfo, contentType ?? Utf8Json, statusCode ?? StatusCodes.Status200OK);
}
