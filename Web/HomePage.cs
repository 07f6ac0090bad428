using System.Net;

namespace PasteLite.Web;

// Placeholder until the web UI lands: the web UI engineer replaces this file with the real home page.
/// <summary>The home page for browsers on GET /: a script-free form that posts a paste, and the curl one-liner.</summary>
internal static class HomePage
{
    public static IResult Render(string baseUrl)
    {
        var url = WebUtility.HtmlEncode(baseUrl);
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>PasteLite</title>
            <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
            textarea{width:100%;height:20rem;font-family:monospace}</style></head>
            <body><h1>PasteLite</h1>
            <form method="post" action="/" enctype="multipart/form-data">
            <textarea name="content" required aria-label="Paste content"></textarea>
            <p><button type="submit">Paste</button></p></form>
            <p>From a terminal: <code>command | curl --data-binary @- {{url}}/</code> (<code>curl {{url}}/</code> shows more).</p>
            </body></html>
            """;
        return new Page(html);
    }

    private sealed class Page(string html) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(html, context.RequestAborted);
        }
    }
}
