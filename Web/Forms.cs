namespace PasteLite.Web;

/// <summary>Reading a posted form: anti-forgery checked first, a non-form body is a 400, never a 500.</summary>
internal static class Forms
{
    public static async Task<(IFormCollection? Form, IResult? Error)> ReadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
            return (null, Layout.Message(context, "Bad request", "This address takes a form.", StatusCodes.Status400BadRequest));
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Layout.Message(context, "Too large", "The form is larger than this page accepts.", StatusCodes.Status413PayloadTooLarge));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, Layout.Message(context, "Bad request", "The form could not be read.", StatusCodes.Status400BadRequest));
        }
        if (!Csrf.IsValid(context, form))
            return (null, Layout.Message(context, "Form expired", "Reload the page and try again.", StatusCodes.Status400BadRequest));
        return (form, null);
    }

    /// <summary>A same-site path to go back to after signing in; anything else is the home page.</summary>
    public static string LocalPath(string? path) =>
        path is { Length: > 0 } p && p.StartsWith('/') && !p.StartsWith("//") && !p.StartsWith("/\\") ? p : "/";
}
