using System.Net;
using Microsoft.AspNetCore.Http;
using PasteLite.Config;
using PasteLite.Services;
using PasteLite.Tests.Pasty;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Hardening;

/// <summary>The report webhook cannot loop back into this server, and only 64 KiB of its answer is read.</summary>
public sealed class ReportWebhookTests
{
    private static Settings With(params (string Key, string Value)[] values) =>
        ConfigLoad.Load(flags: ConfigLoad.Flags([(SettingKeys.Home, "/tmp/pastelite-webhook-test"), .. values]));

    [Theory]
    [InlineData("http://127.0.0.1:6157/hook", true)]
    [InlineData("http://127.8.9.10:6157/hook", true)]
    [InlineData("http://localhost:6157/hook", true)]
    [InlineData("http://LOCALHOST:6157/", true)]
    [InlineData("http://[::1]:6157/hook", true)]
    [InlineData("http://0.0.0.0:6157/hook", true)]
    [InlineData("http://[::ffff:127.0.0.1]:6157/hook", true)]
    [InlineData("http://127.0.0.1:6158/hook", false)]
    [InlineData("http://hooks.example.org:6157/hook", false)]
    [InlineData("https://hooks.example.org/hook", false)]
    public void Loopback_on_the_servers_port_is_itself(string url, bool self) =>
        Assert.Equal(self, ReportWebhook.PointsAtSelf(new Uri(url), With()));

    [Fact]
    public void The_listen_address_and_the_external_url_are_itself()
    {
        var settings = With((SettingKeys.HttpHost, "10.1.2.3"), (SettingKeys.HttpPort, "8080"), (SettingKeys.ExternalUrl, "https://paste.example.org"));
        Assert.True(ReportWebhook.PointsAtSelf(new Uri("http://10.1.2.3:8080/x"), settings));
        Assert.False(ReportWebhook.PointsAtSelf(new Uri("http://10.1.2.4:8080/x"), settings));
        Assert.True(ReportWebhook.PointsAtSelf(new Uri("https://paste.example.org/api/report"), settings));
        Assert.True(ReportWebhook.PointsAtSelf(new Uri("https://PASTE.example.org:443/"), settings));
        Assert.False(ReportWebhook.PointsAtSelf(new Uri("https://paste.example.org:8443/"), settings));
        Assert.True(ReportWebhook.PointsAtSelf(new Uri("http://" + Dns.GetHostName() + ":8080/"), settings));
    }

    [Fact]
    public async Task A_report_to_a_webhook_on_this_server_is_refused_without_a_request()
    {
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyReportsEnabled, "true"),
            (SettingKeys.HttpPort, "6157"), (SettingKeys.PastyReportsWebhook, "http://127.0.0.1:6157/api/v2/pastes/x/report"));
        var created = await server.Client.CreatePasteAsync();

        var response = await server.Client.PostAsync($"/api/v2/pastes/{created.Id}/report", PastyTestSupport.Json("{\"reason\":\"spam\"}"));

        await response.AssertTextAsync(HttpStatusCode.BadGateway, "the report webhook points at this server itself; refusing to send reports in a loop");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_answer_over_64_KiB_is_cut_off(bool withLength)
    {
        var big = "{\"success\":true,\"message\":\"" + new string('m', ReportWebhook.MaxAnswerBytes) + "\"}";
        await using var webhook = await WebhookListener.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            if (withLength) context.Response.ContentLength = big.Length;
            for (var i = 0; i < big.Length; i += 4096)
            {
                await context.Response.WriteAsync(big.Substring(i, Math.Min(4096, big.Length - i)));
                await context.Response.Body.FlushAsync();
            }
        });
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyReportsEnabled, "true"), (SettingKeys.PastyReportsWebhook, webhook.Url));
        var created = await server.Client.CreatePasteAsync();

        var response = await server.Client.PostAsync($"/api/v2/pastes/{created.Id}/report", PastyTestSupport.Json("{\"reason\":\"spam\"}"));

        await response.AssertTextAsync(HttpStatusCode.BadGateway, "the report webhook's answer is larger than 64 KiB");
    }

    [Fact]
    public async Task An_answer_just_under_the_cap_is_relayed()
    {
        var message = new string('m', ReportWebhook.MaxAnswerBytes - 100);
        await using var webhook = await WebhookListener.AnsweringAsync(200, "{\"success\":true,\"message\":\"" + message + "\"}");
        using var home = new TestHome();
        await using var server = await home.StartPasty((SettingKeys.PastyReportsEnabled, "true"), (SettingKeys.PastyReportsWebhook, webhook.Url));
        var created = await server.Client.CreatePasteAsync();

        var response = await server.Client.PostAsync($"/api/v2/pastes/{created.Id}/report", PastyTestSupport.Json("{\"reason\":\"spam\"}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }
}
