using System.Text;
using Microsoft.AspNetCore.Mvc;
using PasteLite.Config;
using PasteLite.Endpoints.Pasty;
using PasteLite.Hosting;
using PasteLite.Web;

namespace PasteLite.Endpoints.Terminal;

/// <summary>GET /: for curl a short usage guide with copy-paste examples on this server's own URL; for a browser the home page.</summary>
internal static class TerminalUsage
{
    public static IResult Get(HttpContext context, [FromServices] Settings settings)
    {
        context.Response.Headers.Vary = "Accept";
        var url = PublicUrl.Base(context, settings);
        if (TerminalText.WantsHtml(context.Request)) return HomePage.Render(context, url);
        return TypedResults.Text(Guide(url, settings), PastyErrors.PlainText);
    }

    public static string Guide(string url, Settings settings)
    {
        var pasty = settings.Pasty;
        var auth = pasty.RequireToken ? "-H 'Authorization: Bearer og_...' " : "";
        var guide = new StringBuilder();
        guide.Append($"""
            PasteLite {AppInfo.Version}: paste from your terminal.

            # Paste a file or a command's output; prints the paste's URL
            curl {auth}--data-binary @file.txt {url}/
            some-command | curl {auth}--data-binary @- {url}/
            curl {auth}-F file=@notes.txt {url}/

            # Options as headers or query parameters: expire after 30s, 10m, 1h, 7d ...; delete when first read
            curl -H 'Expire: 10m' --data-binary @file.txt {url}/
            curl --data-binary @file.txt '{url}/?expire=10m&burn=1'
            curl -H 'Burn-After-Reading: true' --data-binary @file.txt {url}/

            # Read a paste (always raw: {url}/<id>/raw, {url}/raw/<id>)
            curl {url}/<id>

            # Delete it with the X-Modification-Token header of the create answer (curl -i shows it)
            curl -X DELETE -H 'Authorization: Bearer <token>' {url}/<id>

            # The pastelite binary is its own client
            pastelite paste file.txt --server {url} [--expire 1h] [--burn]


            """);
        if (pasty.HastebinSupport)
            guide.Append($"# hastebin clients: POST {url}/documents, GET {url}/documents/<key>, GET {url}/raw/<key>\n");
        guide.Append(pasty.LengthCap > 0 ? $"# Limits: at most {pasty.LengthCap} bytes per paste" : "# Limits: no size cap");
        guide.Append(pasty.MaxExpiry is { } max ? $"; pastes expire within {Durations.Format(max)}.\n" : ".\n");
        if (pasty.RequireToken) guide.Append("# Creating needs a personal access token with gist:write.\n");
        return guide.ToString();
    }
}
