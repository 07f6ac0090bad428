namespace PasteLite.Endpoints.GistApi;

/// <summary>Opengist's error envelope `{"message": ..., "status": ...}` and its exact messages.</summary>
internal static class ApiErrors
{
    public const string Disabled = "API is disabled";
    public const string BadCredentials = "Bad crendentials"; // sic: Opengist's spelling, which clients may match on
    public const string RequiresAuthentication = "Requires authentication";
    public const string MissingScope = "token lacks required scope/permission";
    public const string NotFound = "Not found";
    public const string GistNotFound = "Gist not found";
    public const string NotOwner = "You are not the owner of this gist";
    public const string Archived = "This gist is archived and is read-only";
    public const string CouldNotBind = "could not bind data";
    public const string InvalidRevision = "Invalid revision format";
    public const string RevisionNotFound = "Revision not found";
    public const string FileNotFound = "File not found";
    public const string UserNotFound = "User not found";
    public const string BadSince = "GistSimple not found"; // sic: Opengist's message for a malformed `since`

    public static IResult Json(int status, string message) =>
        JsonAnswer.Of(new Error(message, status), GistJsonContext.Default.Error, "application/json", status);

    public static IResult BadRequest(string message) => Json(StatusCodes.Status400BadRequest, message);
    public static IResult Unauthorized(string message) => Json(StatusCodes.Status401Unauthorized, message);
    public static IResult Forbidden(string message) => Json(StatusCodes.Status403Forbidden, message);
    public static IResult NotFoundError(string message) => Json(StatusCodes.Status404NotFound, message);
    public static IResult Conflict(string message) => Json(StatusCodes.Status409Conflict, message);
    public static IResult Unprocessable(string message) => Json(StatusCodes.Status422UnprocessableEntity, message);

    /// <summary>Opengist answers some like/star checks with a bare 404.</summary>
    public static IResult EmptyNotFound() => TypedResults.NotFound();
}
