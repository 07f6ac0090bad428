using Microsoft.AspNetCore.Mvc;
using System.Globalization;
using PasteLite.Cli;
using PasteLite.Data;
using PasteLite.Gists;
using static PasteLite.Web.Html;

namespace PasteLite.Web.Pages;

/// <summary>/-/admin-panel: instance switches, users, gists and facts. Admins only; others get a 404.</summary>
internal static class AdminPages
{
    private const int GistsShown = 50;

    public static IResult Show(HttpContext context, [FromServices] AdminSettingsStore settings, [FromServices] UserStore users, [FromServices] GistQueries gists, [FromServices] Database db) =>
        Render(context, settings, users, gists, db, null);

    private static IResult Render(HttpContext context, AdminSettingsStore settings, UserStore users, GistQueries gists, Database db,
        string? notice, int status = 200)
    {
        var (admin, denied) = WebAccess.RequireAdmin(context);
        if (admin is null) return denied!;
        var switches = settings.GetAll();
        var stats = InstanceStats.Read(db);
        var (recent, total) = gists.List(new GistFilter { Everything = true }, 0, GistsShown);
        string Toggle(string key, string label) =>
            $"<label class=\"check\"><input type=\"checkbox\" name=\"{key}\" value=\"1\"{(switches[key] ? " checked" : "")}> {E(label)}</label>";

        return Layout.Page(context, "Admin panel", $"""
            <h1>Admin panel</h1>
            {Layout.Notice(notice, error: false)}
            <section class="card">
            <h2>Instance</h2>
            <p>PasteLite {E(AppInfo.Version)} · database {Size(stats.DatabaseBytes)} · {stats.Users} users · {stats.Gists} gists ·
            {stats.Pastes} pastes · {stats.Tokens} access tokens</p>
            </section>
            <section class="card">
            <h2>Settings</h2>
            <form method="post" action="/-/admin-panel/settings">
            {Csrf.Field(context)}
            {Toggle(AdminSettings.DisableSignupKey, "Disable sign-up")}
            {Toggle(AdminSettings.RequireLoginKey, "Require login to see anything")}
            {Toggle(AdminSettings.AllowGistsWithoutLoginKey, "Allow single gists and pastes without login")}
            <button type="submit">Save settings</button>
            </form>
            </section>
            <h2>Users</h2>
            <div class="scroll"><table>
            <thead><tr><th>User</th><th>Email</th><th>Created</th><th>Admin</th><th></th></tr></thead>
            <tbody>{string.Concat(users.List().Select(u => UserRow(context, u, admin)))}</tbody>
            </table></div>
            <h2>Gists <span class="muted">({total}, newest {Math.Min(total, GistsShown)} shown)</span></h2>
            <div class="scroll"><table>
            <thead><tr><th>Gist</th><th>Owner</th><th>Visibility</th><th>Updated</th><th></th></tr></thead>
            <tbody>{string.Concat(recent.Select(g => GistRow(context, g)))}</tbody>
            </table></div>
            """, status);
    }

    private static string UserRow(HttpContext context, Data.UserRow user, Data.UserRow me) => $"""
        <tr><td><a href="/{U(user.Username)}">{E(user.Username)}</a></td><td>{E(user.Email)}</td><td>{Tables.Time(user.CreatedAt)}</td>
        <td>{(user.IsAdmin ? "yes" : "no")}</td>
        <td class="actions">{(user.Id == me.Id ? "<span class=\"muted\">you</span>" : $"""
            <form method="post" action="/-/admin-panel/users/{user.Id}/admin">{Csrf.Field(context)}
            <input type="hidden" name="admin" value="{(user.IsAdmin ? "0" : "1")}"><button type="submit" class="secondary">{(user.IsAdmin ? "Remove admin" : "Make admin")}</button></form>
            <form method="post" action="/-/admin-panel/users/{user.Id}/delete" data-confirm="Delete {E(user.Username)} with all their gists?">{Csrf.Field(context)}
            <button type="submit" class="danger">Delete</button></form>
            """)}</td></tr>
        """;

    private static string GistRow(HttpContext context, GistRow gist) => $"""
        <tr><td><a href="/{U(gist.OwnerName)}/{gist.Uuid}">{E(gist.Title)}</a></td><td>{E(gist.OwnerName)}</td>
        <td>{Visibilities.Name((Visibility)gist.Visibility)}</td><td>{Tables.Time(gist.UpdatedAt)}</td>
        <td><form method="post" action="/-/admin-panel/gists/{gist.Uuid}/delete" data-confirm="Delete this gist?">{Csrf.Field(context)}
        <button type="submit" class="danger">Delete</button></form></td></tr>
        """;

    private static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes / 1024.0 / 1024.0:0.0} MiB",
    };

    public static async Task<IResult> SaveSettings(HttpContext context, [FromServices] AdminSettingsStore settings, [FromServices] UserStore users, [FromServices] GistQueries gists, [FromServices] Database db)
    {
        var (admin, denied) = WebAccess.RequireAdmin(context);
        if (admin is null) return denied!;
        var (form, error) = await Forms.ReadAsync(context);
        if (form is null) return error!;
        foreach (var key in AdminSettings.Keys) settings.Set(key, form[key].ToString() == "1");
        return Render(context, settings, users, gists, db, "Settings saved.");
    }

    public static async Task<IResult> SetAdmin(HttpContext context, string id, [FromServices] UserStore users)
    {
        var (admin, denied) = WebAccess.RequireAdmin(context);
        if (admin is null) return denied!;
        var (form, error) = await Forms.ReadAsync(context);
        if (form is null) return error!;
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId) && userId != admin.Id)
            users.SetAdmin(userId, form["admin"].ToString() == "1");
        return Results.Redirect("/-/admin-panel");
    }

    public static async Task<IResult> DeleteUser(HttpContext context, string id, [FromServices] UserStore users)
    {
        var (admin, denied) = WebAccess.RequireAdmin(context);
        if (admin is null) return denied!;
        var (form, error) = await Forms.ReadAsync(context);
        if (form is null) return error!;
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId) && userId != admin.Id
            && users.FindById(userId) is { } user)
            users.Delete(user.Username);
        return Results.Redirect("/-/admin-panel");
    }

    public static async Task<IResult> DeleteGist(HttpContext context, string uuid, [FromServices] GistQueries gists, [FromServices] GistWriter writer)
    {
        var (admin, denied) = WebAccess.RequireAdmin(context);
        if (admin is null) return denied!;
        var (form, error) = await Forms.ReadAsync(context);
        if (form is null) return error!;
        if (gists.FindByUuid(uuid) is { } gist) writer.Delete(gist);
        return Results.Redirect("/-/admin-panel");
    }
}
