using System.Diagnostics;
using System.Net;
using System.Text.Json;
using PasteLite.Config;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Pasty;

/// <summary>POST /api/v2/pastes/{id}/report against a real webhook listening on 127.0.0.1.</summary>
public sealed class PastyReportTests
{
    private static Task<InProcessServer> StartWithWebhook(TestHome home, string url, params (string, string)[] more) =>
        home.StartPasty([(SettingKeys.PastyReportsEnabled, "true"), (SettingKeys.PastyReportsWebhook, url), .. more]);

    [Fact]
    public async Task Sends_paste_and_reason_as_json_with_the_webhook_token_and_relays_the_answer()
    {
        await using var webhook = await WebhookListener.AnsweringAsync(200, "{\"success\":true,\"message\":\"Thanks <b>for</b> it\",\"extra\":1}");
        using var home = new TestHome();
        await using var server = await StartWithWebhook(home, webhook.Url, (SettingKeys.PastyReportsWebhookToken, "hook-secret"));
        var created = await server.Client.CreatePasteAsync();

        var response = await server.Client.PostAsync($"/api/v2/pastes/{created.Id}/report", PastyTestSupport.Json("{\"reason\":\"spam\"}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(["success", "message"], body.EnumerateObject().Select(p => p.Name));
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal("Thanks <b>for</b> it", body.GetProperty("message").GetString());
        var call = Assert.Single(webhook.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
        Assert.Equal("Bearer hook-secret", call.Authorization);
        using var sent = JsonDocument.Parse(call.Body);
        Assert.Equal(created.Id, sent.RootElement.GetProperty("paste").GetString());
        Assert.Equal("spam", sent.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Without_a_webhook_token_no_authorization_is_sent_and_missing_answer_fields_default()
    {
        await using var webhook = await WebhookListener.AnsweringAsync(202, "{}");
        using var home = new TestHome();
        await using var server = await StartWithWebhook(home, webhook.Url);
        var created = await server.Client.CreatePasteAsync();

        var response = await server.Client.PostAsync($"/api/v2/pastes/{created.Id}/report", PastyTestSupport.Json("{\"Reason\":\"spam\"}"));

        Assert.Equal("{\"success\":false,\"message\":\"\"}", await response.Content.ReadAsStringAsync());
        Assert.Null(Assert.Single(webhook.Calls).Authorization);
    }

    [Fact]
    public async Task A_webhook_saying_no_is_still_a_200_with_its_message()
    {
        await using var webhook = await WebhookListener.AnsweringAsync(200, "{\"success\":false,\"message\":\"already reported\"}");
        using var home = new TestHome();
        await using var server = await StartWithWebhook(home, webhook.Url);
        var created = await server.Client.CreatePasteAsync();

        var response = await server.Client.PostAsync($"/api/v2/pastes/{created.Id}/report", PastyTestSupport.Json("{\"reason\":\"spam\"}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"success\":false,\"message\":\"already reported\"}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(500, "{\"success\":true}", "the report webhook responded with an unexpected error: 500")]
    [InlineData(404, "<html>not here</html>", "the report webhook responded with an unexpected error: 404")]
    [InlineData(302, "", "the report webhook responded with an unexpected error: 302")]
    [InlineData(200, "<html>ok</html>", "the report webhook sent an invalid answer")]
    [InlineData(200, "[true]", "the report webhook sent an invalid answer")]
    [InlineData(200, "{\"success\":\"yes\"}", "the report webhook sent an invalid answer")]
    [InlineData(200, "{\"success\":true,\"message\":\"\\ud800\"}", "the report webhook sent an invalid answer")]
    public async Task A_failing_webhook_is_a_502_with_a_message(int status, string answer, string message)
    {
        await using var webhook = await WebhookListener.AnsweringAsync(status, answer);
        using var home = new TestHome();
        await using var server = await StartWithWebhook(home, webhook.Url);
        var created = await server.Client.CreatePasteAsync();

        var response = await server.Client.PostAsync($"/api/v2/pastes/{created.Id}/report", PastyTestSupport.Json("{\"reason\":\"spam\"}"));

        await response.AssertTextAsync(HttpStatusCode.BadGateway, message);
    }

    [Fact]
    public async Task A_hanging_webhook_is_a_502_after_the_timeout()
    {
        await using var webhook = await WebhookListener.StartAsync(context => Task.Delay(Timeout.Infinite, context.RequestAborted));
        using var home = new TestHome();
        await using var server = await StartWithWebhook(home, webhook.Url, (SettingKeys.PastyReportsTimeout, "1s"));
        var created = await server.Client.CreatePasteAsync();
        var clock = Stopwatch.StartNew();

        var response = await server.Client.PostAsync($"/api/v2/pastes/{created.Id}/report", PastyTestSupport.Json("{\"reason\":\"spam\"}"));

        await response.AssertTextAsync(HttpStatusCode.BadGateway, "the report webhook did not answer within 1s");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task An_unreachable_webhook_is_a_502()
    {
        string url;
        await using (var gone = await WebhookListener.AnsweringAsync(200, "{}")) url = gone.Url;
        using var home = new TestHome();
        await using var server = await StartWithWebhook(home, url);
        var created = await server.Client.CreatePasteAsync();

        var response = await server.Client.PostAsync($"/api/v2/pastes/{created.Id}/report", PastyTestSupport.Json("{\"reason\":\"spam\"}"));

        await response.AssertTextAsync(HttpStatusCode.BadGateway, "the report webhook could not be reached");
    }

    [Fact]
    public async Task Reports_enabled_without_a_webhook_is_a_502_with_a_message()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyReportsEnabled, "true"));
        var created = await server.Client.CreatePasteAsync();

        var response = await server.Client.PostAsync($"/api/v2/pastes/{created.Id}/report", PastyTestSupport.Json("{\"reason\":\"spam\"}"));

        await response.AssertTextAsync(HttpStatusCode.BadGateway, "reports are enabled but no report webhook is configured");
    }

    [Theory]
    [InlineData("{}", "missing report reason")]
    [InlineData("{\"reason\":\"\"}", "missing report reason")]
    [InlineData("{\"reason\":null}", "missing report reason")]
    [InlineData("null", "missing report reason")]
    [InlineData("{\"reason\":42}", "invalid request body: reason must be a string")]
    [InlineData("{\"reason\":", "invalid request body: malformed JSON at line 1, byte 11")]
    public async Task A_report_without_a_reason_is_400_and_never_reaches_the_webhook(string body, string message)
    {
        await using var webhook = await WebhookListener.AnsweringAsync(200, "{\"success\":true}");
        using var home = new TestHome();
        await using var server = await StartWithWebhook(home, webhook.Url);
        var created = await server.Client.CreatePasteAsync();

        var response = await server.Client.PostAsync($"/api/v2/pastes/{created.Id}/report", PastyTestSupport.Json(body));

        await response.AssertTextAsync(HttpStatusCode.BadRequest, message);
        Assert.Empty(webhook.Calls);
    }

    [Fact]
    public async Task Reporting_an_unknown_paste_is_404_before_the_body_is_read()
    {
        await using var webhook = await WebhookListener.AnsweringAsync(200, "{\"success\":true}");
        using var home = new TestHome();
        await using var server = await StartWithWebhook(home, webhook.Url);

        var response = await server.Client.PostAsync("/api/v2/pastes/nope42/report", PastyTestSupport.Json("{"));

        await response.AssertTextAsync(HttpStatusCode.NotFound, "paste not found");
        Assert.Empty(webhook.Calls);
    }

    [Fact]
    public async Task With_reports_disabled_the_route_does_not_exist()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty();
        var created = await server.Client.CreatePasteAsync();

        var response = await server.Client.PostAsync($"/api/v2/pastes/{created.Id}/report", PastyTestSupport.Json("{\"reason\":\"spam\"}"));
        var preflight = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, $"/api/v2/pastes/{created.Id}/report"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, preflight.StatusCode);
    }
}
