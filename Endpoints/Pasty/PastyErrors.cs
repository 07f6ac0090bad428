namespace PasteLite.Endpoints.Pasty;

/// <summary>pasty's errors: short plain-text messages (its frontend shows them inside a notification) with its status codes.</summary>
internal static class PastyErrors
{
    public const string PlainText = "text/plain; charset=utf-8";

    public static IResult PasteNotFound() => Text(StatusCodes.Status404NotFound, "paste not found");
    public static IResult Unauthorized() => Text(StatusCodes.Status401Unauthorized, "unauthorized");
    public static IResult MissingContent() => Text(StatusCodes.Status400BadRequest, "missing paste content");
    public static IResult TooLarge() => Text(StatusCodes.Status400BadRequest, "too large paste content");
    public static IResult MissingReason() => Text(StatusCodes.Status400BadRequest, "missing report reason");

    /// <summary>pasty v1's limits on metadata, enforced on what would be stored (after a PATCH merge).</summary>
    public static IResult MetadataTooLarge() => Text(StatusCodes.Status400BadRequest,
        $"metadata exceeds maximum dimensions (max. width: {PastyMetadata.MaxWidth}; max. depth: {PastyMetadata.MaxDepth})");

    /// <summary>Malformed JSON or a field of the wrong type: 400 (pasty answers 500 with Go's decoder text).</summary>
    public static IResult InvalidBody(string why) => Text(StatusCodes.Status400BadRequest, "invalid request body: " + why);

    public static IResult NoFreeId() => Text(StatusCodes.Status503ServiceUnavailable, "no free paste id was found; try again");

    public static IResult WebhookFailed(string message) => Text(StatusCodes.Status502BadGateway, message);

    public static IResult Text(int status, string message) => TypedResults.Text(message, PlainText, statusCode: status);
}
