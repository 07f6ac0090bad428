using System.Globalization;
using System.Text;
using PasteLite.Data;
using PasteLite.Endpoints.GistApi;
using PasteLite.Gists;
using static PasteLite.Web.Html;
using static PasteLite.Web.Pages.GistHtml;

namespace PasteLite.Web.Pages;

/// <summary>
/// /-/new and /{user}/{gist}/edit: a server-side form of title, description, visibility and file slots (name + content).
/// Both go through the API's file rules (<see cref="GistFiles"/>) and limits (<see cref="GistInputs.Validate"/>).
/// </summary>
internal static class GistFormPages
{
    /// <summary>Empty slots on a new gist's form; app.js's "Add file" adds more.</summary>
    public const int NewSlots = 3;
    /// <summary>Slots read from a posted form (indexes 0..MaxSlots-1); more are ignored.</summary>
    public const int MaxSlots = 200;

    private static readonly (string Value, string Label)[] Expiries =
        [("never", "Never"), ("1hour", "1 hour"), ("12hours", "12 hours"), ("1day", "1 day"), ("7days", "7 days"), ("15days", "15 days")];

    /// <summary>One file row of the form. <see cref="Original"/> names the stored file it edits (null for a new one).</summary>
    private sealed record Slot(string? Original, string Name, string Content, bool Binary = false, long Size = 0, bool Remove = false);

    private sealed record Values(string Title, string Description, string Visibility, string Expire, IReadOnlyList<Slot> Slots);

    private static T Service<T>(HttpContext context) where T : notnull => context.RequestServices.GetRequiredService<T>();

    public static IResult NewForm(HttpContext context)
    {
        if (WebSession.User(context) is null) return WebAccess.LoginRedirect(context, "/-/new");
        var slots = Enumerable.Range(0, NewSlots).Select(_ => new Slot(null, "", "")).ToList();
        return NewPage(context, new Values("", "", "public", "never", slots), null);
    }

    private static IResult NewPage(HttpContext context, Values values, string? error) =>
        Layout.Page(context, "New gist", $"""
            <section>
            <h1>New gist</h1>
            {Layout.Notice(error)}
            {Form(context, "/-/new", values, isNew: true, submit: "Create gist")}
            </section>
            """, error is null ? 200 : StatusCodes.Status422UnprocessableEntity);

    public static async Task<IResult> Create(HttpContext context)
    {
        var (form, error) = await Forms.ReadAsync(context);
        if (form is null) return error!;
        if (WebSession.User(context) is not { } user) return WebAccess.LoginRedirect(context, "/-/new");
        var values = Read(form, current: null);

        // The API's create rules: keys in order, empty contents dropped, unnamed files become gistfileN.txt.
        var requested = values.Slots.Select(s => new KeyValuePair<string, FileInput?>(s.Name, new FileInput(Normalize(s.Content, null), null))).ToList();
        var (files, problem) = GistFiles.ForCreate(requested);
        if (files.Count == 0) problem = "Add at least one file with some content.";
        if (problem is null && Visibilities.Parse(values.Visibility) is null) problem = "Choose a visibility.";
        var (expiresAt, expiryProblem) = GistExpiry.Resolve(values.Expire, null, Service<TimeProvider>(context).GetUtcNow());
        problem ??= expiryProblem is null ? null : "Choose an expiry from the list.";
        problem ??= GistInputs.Validate(values.Title, values.Description, files);
        if (problem is not null) return NewPage(context, values, Friendly(problem));

        var uuid = Service<GistWriter>(context).Create(new Author(user.Id, user.Username, user.Email),
            GistFiles.TitleOr(values.Title, files), values.Description, Visibilities.Parse(values.Visibility)!.Value, expiresAt, files);
        return Results.Redirect($"/{U(user.Username)}/{U(uuid)}");
    }

    /// <summary>The form reads on one snapshot (<see cref="GistQueries.Snapshot{T}"/>): a gist deleted meanwhile is whole or not found.</summary>
    public static IResult EditForm(HttpContext context, string user, string gist) =>
        Service<GistQueries>(context).Snapshot(() => EditFormSnapshot(context, user, gist));

    private static IResult EditFormSnapshot(HttpContext context, string user, string gist)
    {
        if (Editable(context, user, gist, out var row) is { } refusal) return refusal;
        var queries = Service<GistQueries>(context);
        if (queries.HeadRevision(row.Id) is not { } head) return Layout.NotFound(context);
        var files = queries.Files(head.Id, int.MaxValue).Files;
        var slots = files.Select(f => FileContent.IsText(f.Content)
                ? new Slot(f.Filename, f.Filename, Encoding.UTF8.GetString(f.Content))
                : new Slot(f.Filename, f.Filename, "", Binary: true, Size: f.Size))
            .Append(new Slot(null, "", "")).ToList();
        return EditPage(context, row, new Values(row.Title, row.Description, Visibilities.Name((Visibility)row.Visibility), "never", slots), null);
    }

    private static IResult EditPage(HttpContext context, GistRow gist, Values values, string? error) =>
        Layout.Page(context, $"Edit · {DisplayTitle(gist)}", $"""
            <section>
            <h1>Edit <a href="{GistPath(gist)}">{E(gist.OwnerName)} / {E(DisplayTitle(gist))}</a></h1>
            {Layout.Notice(error)}
            <p class="muted">Clear a file's name or content to remove it. Saving files makes a new revision.</p>
            {Form(context, $"{GistPath(gist)}/edit", values, isNew: false, submit: "Save")}
            </section>
            """, error is null ? 200 : StatusCodes.Status422UnprocessableEntity);

    public static async Task<IResult> Update(HttpContext context, string user, string gist)
    {
        var (form, error) = await Forms.ReadAsync(context);
        if (form is null) return error!;
        if (Editable(context, user, gist, out var row) is { } refusal) return refusal;
        var owner = WebSession.User(context)!;
        Values values = null!;
        // The form is applied to the head as it is inside the write, so an edit made meanwhile (another tab, the API) stays.
        var (outcome, problem) = Service<GistWriter>(context).Edit(row, new Author(owner.Id, owner.Username, owner.Email), head =>
        {
            var current = head();
            values = Read(form, current);
            return Change(current, values);
        });
        return outcome switch
        {
            EditOutcome.Gone => Layout.NotFound(context), // deleted since it was found
            EditOutcome.Refused => EditPage(context, row, values, Friendly(problem!)),
            _ => Results.Redirect(GistPath(row)),
        };
    }

    /// <summary>What the posted form makes of the current files, as a PATCH of the API would; or why it cannot.</summary>
    private static (GistEdit? Change, string? Problem) Change(IReadOnlyList<RevisionFileRow> current, Values values)
    {
        // Each stored file is kept, renamed, replaced or deleted; new slots are added.
        var byName = current.ToDictionary(f => f.Filename, StringComparer.Ordinal);
        var patch = new List<KeyValuePair<string, FileInput?>>();
        var taken = new HashSet<string>(current.Select(f => f.Filename), StringComparer.Ordinal);
        var added = 0;
        foreach (var slot in values.Slots)
        {
            if (slot.Original is { } original && byName.TryGetValue(original, out var stored))
            {
                var gone = slot.Remove || slot.Name.Trim().Length == 0 || (!slot.Binary && slot.Content.Length == 0);
                patch.Add(new(original, gone ? null
                    : new FileInput(slot.Binary ? null : Normalize(slot.Content, stored.Content), slot.Name)));
            }
            else if (slot.Content.Length > 0)
            {
                var name = slot.Name.Trim().Length > 0 ? slot.Name : NextDefaultName(taken);
                taken.Add(FileNames.Clean(name));
                // A key no stored name can have (names cannot hold control characters), in slot order.
                patch.Add(new($"\u0001new-{added++:D4}", new FileInput(Normalize(slot.Content, null), name)));
            }
        }
        var (files, problem) = GistFiles.Merge(current, patch);
        if (problem is null && files.Count == 0) problem = "A gist needs at least one file: to remove it all, delete the gist.";
        if (problem is null && Visibilities.Parse(values.Visibility) is null) problem = "Choose a visibility.";
        problem ??= GistInputs.Validate(values.Title, values.Description, files);
        if (problem is not null) return (null, problem);
        return (new GistEdit(GistFiles.TitleOr(values.Title, files), values.Description, Visibilities.Parse(values.Visibility),
            GistFiles.Unchanged(current, files) ? null : files), null);
    }

    /// <summary>Null when the signed-in viewer owns this gist and may change it; else the page that says why not.</summary>
    private static IResult? Editable(HttpContext context, string user, string gist, out GistRow row)
    {
        row = null!;
        // Anonymous visitors log in first, before anything says whether the gist exists.
        if (WebSession.User(context) is not { } viewer) return WebAccess.LoginRedirect(context, GistPages.RoutePath(user, gist) + "/edit");
        if (GistPages.FindVisible(context, user, gist) is not { } found) return Layout.NotFound(context);
        row = found;
        if (!WebAccess.Owns(viewer, found)) return GistPages.NotOwner(context);
        if (found.Archived) return Layout.Message(context, "Archived", "This gist is archived and cannot be changed.", StatusCodes.Status403Forbidden);
        return null;
    }

    private static string NextDefaultName(HashSet<string> taken)
    {
        var n = 1;
        while (taken.Contains(FileNames.Default(n))) n++;
        return FileNames.Default(n);
    }

    /// <summary>
    /// Browsers send a textarea's line breaks as CRLF: back to LF, unless the stored file used CRLF itself, so an edit
    /// through the form does not rewrite every line.
    /// </summary>
    private static string Normalize(string content, byte[]? stored) =>
        stored is not null && stored.AsSpan().IndexOf("\r\n"u8) >= 0 ? content : content.Replace("\r\n", "\n");

    /// <summary>The API's validator messages, said for a person.</summary>
    private static string Friendly(string problem) => problem switch
    {
        _ when problem.Contains("'Title'", StringComparison.Ordinal) => $"The title can have at most {GistInputs.MaxTitle} characters.",
        _ when problem.Contains("'Description'", StringComparison.Ordinal) => $"The description can have at most {GistInputs.MaxDescription} characters.",
        _ when problem.Contains("'Files'", StringComparison.Ordinal) => "Add at least one file with some content.",
        _ when problem.Contains("'Filename'", StringComparison.Ordinal) => $"A file name can have at most {FileNames.MaxLength} characters.",
        _ when problem.StartsWith("files: ", StringComparison.Ordinal) => "Files: " + problem["files: ".Length..] + ".",
        _ => problem,
    };

    private static Values Read(IFormCollection form, IReadOnlyList<RevisionFileRow>? current)
    {
        var binary = current?.Where(f => !FileContent.IsText(f.Content)).ToDictionary(f => f.Filename, f => f.Size, StringComparer.Ordinal)
            ?? new Dictionary<string, long>();
        var slots = new List<Slot>();
        for (var i = 0; i < MaxSlots; i++)
        {
            var key = i.ToString(CultureInfo.InvariantCulture);
            if (!form.ContainsKey("name-" + key) && !form.ContainsKey("content-" + key) && !form.ContainsKey("original-" + key)) continue;
            var original = form["original-" + key].ToString();
            var isBinary = original.Length > 0 && binary.ContainsKey(original);
            slots.Add(new Slot(original.Length > 0 ? original : null, form["name-" + key].ToString(), form["content-" + key].ToString(),
                isBinary, isBinary ? binary[original] : 0, form["remove-" + key] == "1"));
        }
        return new Values(form["title"].ToString().Trim(), form["description"].ToString().Trim(), form["visibility"].ToString(),
            form["expire"].ToString() is { Length: > 0 } expire ? expire : "never", slots);
    }

    private static string Form(HttpContext context, string action, Values values, bool isNew, string submit)
    {
        var visibility = string.Concat(new[] { "public", "unlisted", "private" }.Select(v =>
            $"<option value=\"{v}\"{(v == values.Visibility ? " selected" : "")}>{char.ToUpperInvariant(v[0])}{v[1..]}</option>"));
        var expiry = !isNew ? "" : $"""
            <label>Expires <select name="expire">{string.Concat(Expiries.Select(e =>
                $"<option value=\"{e.Value}\"{(e.Value == values.Expire ? " selected" : "")}>{e.Label}</option>"))}</select></label>
            """;
        var slots = new StringBuilder();
        for (var i = 0; i < values.Slots.Count; i++) slots.Append(SlotHtml(i, values.Slots[i]));
        return $"""
            <form method="post" action="{action}" class="gist-form">
            {Csrf.Field(context)}
            <label>Title <input name="title" value="{E(values.Title)}" maxlength="{GistInputs.MaxTitle}" placeholder="Named after the first file when empty"></label>
            <label>Description <input name="description" value="{E(values.Description)}" maxlength="{GistInputs.MaxDescription}"></label>
            <div class="row">
            <label>Visibility <select name="visibility">{visibility}</select></label>
            {expiry}
            </div>
            <div class="file-slots">
            {slots}
            </div>
            <div class="actions">
            <button type="button" class="secondary hidden" data-add-file>Add file</button>
            <button type="submit">{E(submit)}</button>
            </div>
            </form>
            """;
    }

    private static string SlotHtml(int i, Slot slot)
    {
        var original = slot.Original is null ? "" : $"<input type=\"hidden\" name=\"original-{i}\" value=\"{E(slot.Original)}\">";
        var name = $"<label>File name <input name=\"name-{i}\" value=\"{E(slot.Name)}\" maxlength=\"{FileNames.MaxLength}\" placeholder=\"gistfile{i + 1}.txt\" spellcheck=\"false\"></label>";
        if (slot.Binary)
            return $"""
                <fieldset class="file-slot">{original}{name}
                <p class="muted">Binary file, {slot.Size} bytes: kept as it is.</p>
                <label class="check"><input type="checkbox" name="remove-{i}" value="1"{(slot.Remove ? " checked" : "")}> Remove this file</label>
                </fieldset>
                """;
        // The newline after <textarea> is dropped by HTML parsers, so content starting with a newline keeps it.
        return $"""
            <fieldset class="file-slot" data-file-slot>{original}{name}
            <label>Content <textarea name="content-{i}" spellcheck="false">
            {E(slot.Content)}</textarea></label>
            </fieldset>
            """;
    }
}
