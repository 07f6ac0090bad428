using PasteLite.Config;
using static PasteLite.Web.Html;

namespace PasteLite.Web;

/// <summary>GET / for browsers: the new-paste form (expiry, burn after reading, encryption in the browser) and the curl one-liner.</summary>
internal static class HomePage
{
    public static IResult Render(HttpContext context, string baseUrl)
    {
        var settings = context.RequestServices.GetRequiredService<Settings>();
        var user = WebSession.User(context);
        var gist = user is null
            ? "<p class=\"muted\"><a href=\"/-/login\">Log in</a> to create gists with several files, revisions and forks.</p>"
            : "<p><a class=\"button secondary\" href=\"/-/new\">New gist</a> several files, a title, revisions and forks.</p>";
        return Layout.Page(context, "New paste", $"""
            <h1>New paste</h1>
            {gist}
            <form id="new-paste" method="post" action="/-/pastes">
            {Csrf.Field(context)}
            <label>Content <textarea name="content" required autofocus></textarea></label>
            <div class="row">
            <label>File name or language (optional) <input name="filename" maxlength="255" placeholder="notes.md, main.py"></label>
            <label>Expires {ExpirySelect(settings.Pasty.MaxExpiry)}</label>
            </div>
            <label class="check"><input type="checkbox" name="burn" value="true"> Burn after reading: the first view deletes it</label>
            <label class="check js-only hidden"><input type="checkbox" name="encrypt" value="1"> Encrypt in the browser: the key stays in the link, the server never sees it</label>
            <p id="paste-status"></p>
            <button type="submit">Create paste</button>
            </form>
            <section class="card">
            <h2>From a terminal</h2>
            <pre><code>command | curl --data-binary @- {E(baseUrl)}/
            curl --data-binary @notes.txt {E(baseUrl)}/</code></pre>
            <p class="muted"><code>curl {E(baseUrl)}/</code> prints every option.</p>
            </section>
            <script src="/-/assets/paste.js" defer></script>
            """);
    }

    private static readonly (string Value, string Label, TimeSpan? Span)[] Expiries =
    [
        ("", "Never", null), ("10m", "10 minutes", TimeSpan.FromMinutes(10)), ("1h", "1 hour", TimeSpan.FromHours(1)),
        ("1d", "1 day", TimeSpan.FromDays(1)), ("7d", "7 days", TimeSpan.FromDays(7)), ("30d", "30 days", TimeSpan.FromDays(30)),
    ];

    /// <summary>The choices this server allows: with pasty.max-expiry set, nothing longer (and no "never").</summary>
    private static string ExpirySelect(TimeSpan? maximum)
    {
        var allowed = Expiries.Where(e => maximum is null || (e.Span is { } s && s <= maximum)).ToList();
        var options = string.Concat(allowed.Select(e => $"<option value=\"{e.Value}\">{e.Label}</option>"));
        if (maximum is { } max && allowed.Count == 0) options = $"<option value=\"\">{E(Config.Durations.Format(max))}</option>";
        return $"<select name=\"expire\">{options}</select>";
    }
}
