using System.Text;
using System.Text.Json;
using PasteLite.Tests.Pasty;
using PasteLite.Tests.Support;
using PasteLite.Tests.Terminal;

namespace PasteLite.Tests.EndToEnd;

/// <summary>One dist/pastelite for the class: rate limiting off (curl sends many requests), 127.0.0.1 a trusted proxy.</summary>
public sealed class TerminalServerFixture : IAsyncLifetime
{
    public TestHome Home { get; } = new();
    public PasteLiteProcess Server { get; private set; } = null!;
    public string Base => Server.BaseUrl.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync() => Server = await PasteLiteProcess.StartServerAsync(Home.Path, env: new Dictionary<string, string>
    {
        ["OG_PASTY_RATE_LIMIT"] = "off", ["OG_HTTP_TRUSTED_PROXIES"] = "127.0.0.1",
    });

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Home.Dispose();
    }
}

/// <summary>The curl one-liners from the issue, run with the real curl against dist/pastelite; bodies compared byte for byte.</summary>
public sealed class TerminalProcessTests(TerminalServerFixture fixture) : IClassFixture<TerminalServerFixture>
{
    private readonly string _base = fixture.Base;
    private static readonly byte[] Bytes = TerminalTestSupport.AwkwardBytes; // non-UTF-8, NUL, CRLF, no trailing newline

    [Fact]
    public async Task Data_binary_from_a_file_round_trips_the_exact_bytes_on_every_read_route()
    {
        var file = fixture.Home.WriteFile("awkward.bin", "");
        await File.WriteAllBytesAsync(file, Bytes);

        var created = await Curl.RunAsync(["--data-binary", $"@{file}", $"{_base}/"]);

        Assert.Equal(201, created.Status);
        var url = created.Text.TrimEnd('\n');
        Assert.Equal(url + "\n", created.Text);
        Assert.Matches($"^{_base}/[A-Za-z0-9]{{6}}$", url);
        Assert.Equal(url, created.Headers["location"]);
        var id = url[^6..];
        foreach (var read in new[] { url, $"{url}/raw", $"{_base}/raw/{id}" })
        {
            var got = await Curl.RunAsync([read]);
            Assert.Equal(200, got.Status);
            Assert.Equal(Bytes, got.Body);
            Assert.Equal("text/plain; charset=utf-8", got.Headers["content-type"]);
            Assert.Equal("nosniff", got.Headers["x-content-type-options"]);
        }
    }

    [Fact]
    public async Task Data_binary_from_stdin_round_trips_the_exact_bytes()
    {
        var created = await Curl.RunAsync(["--data-binary", "@-", $"{_base}/"], stdin: Bytes);

        Assert.Equal(201, created.Status);
        Assert.Equal(Bytes, (await Curl.RunAsync([created.Text.TrimEnd('\n')])).Body);
    }

    [Fact]
    public async Task A_form_file_upload_keeps_the_files_bytes()
    {
        var notes = fixture.Home.WriteFile("notes.txt", "");
        await File.WriteAllBytesAsync(notes, Bytes);

        var created = await Curl.RunAsync(["-F", $"file=@{notes}", $"{_base}/"]);

        Assert.Equal(201, created.Status);
        Assert.Equal(Bytes, (await Curl.RunAsync([created.Text.TrimEnd('\n')])).Body);
    }

    [Fact]
    public async Task Expire_as_header_takes_effect_to_the_second_and_as_query_is_stored()
    {
        var brief = await Curl.RunAsync(["-H", "Expire: 1s", "--data-binary", "brief", $"{_base}/"]);
        var query = await Curl.RunAsync(["--data-binary", "later", $"{_base}/?expire=10m"]);
        var invalid = await Curl.RunAsync(["-H", "Expire: soon", "--data-binary", "x", $"{_base}/"]);

        Assert.Equal(201, brief.Status);
        var briefId = brief.Text.TrimEnd()[^6..];
        var queryId = query.Text.TrimEnd()[^6..];
        Assert.InRange(fixture.Home.ExpiresAt(queryId)!.Value - PastyTestSupport.Now, 598, 601);
        Assert.Equal(400, invalid.Status);
        Assert.Equal("invalid expiry \"soon\": use a positive duration such as 30s, 10m, 1h or 7d\n", invalid.Text);

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(fixture.Home.ExpiresAt(briefId)!.Value);
        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));
        var gone = await Curl.RunAsync([$"{_base}/{briefId}"]);
        Assert.Equal(404, gone.Status);
        Assert.Equal("paste not found", gone.Text);
    }

    [Theory]
    [InlineData("header")]
    [InlineData("query")]
    public async Task A_burn_after_reading_paste_goes_to_exactly_one_of_two_concurrent_curls(string how)
    {
        var created = how == "header"
            ? await Curl.RunAsync(["-H", "Burn-After-Reading: true", "--data-binary", "@-", $"{_base}/"], stdin: Bytes)
            : await Curl.RunAsync(["--data-binary", "@-", $"{_base}/?burn=1"], stdin: Bytes);
        var url = created.Text.TrimEnd('\n');

        var reads = await Task.WhenAll(Curl.RunAsync([url]), Curl.RunAsync([$"{url}/raw"]));

        var winner = Assert.Single(reads, r => r.Status == 200);
        Assert.Equal(Bytes, winner.Body);
        Assert.Single(reads, r => r.Status == 404);
        Assert.Equal(404, (await Curl.RunAsync([url])).Status);
    }

    [Fact]
    public async Task Delete_with_the_modification_token_from_the_create_answer()
    {
        var created = await Curl.RunAsync(["--data-binary", "delete me", $"{_base}/"]);
        var url = created.Text.TrimEnd('\n');
        var token = created.Headers["x-modification-token"];

        var wrong = await Curl.RunAsync(["-X", "DELETE", "-H", "Authorization: Bearer not-it", url]);
        var deleted = await Curl.RunAsync(["-X", "DELETE", "-H", $"Authorization: Bearer {token}", url]);

        Assert.Equal(403, wrong.Status);
        Assert.Equal(200, deleted.Status);
        Assert.Equal($"deleted {url[^6..]}\n", deleted.Text);
        Assert.Equal(404, (await Curl.RunAsync([url])).Status);
    }

    [Fact]
    public async Task Empty_and_oversize_bodies_get_one_line_reasons()
    {
        var empty = await Curl.RunAsync(["--data-binary", "", $"{_base}/"]);
        var oversize = await Curl.RunAsync(["--data-binary", "@-", $"{_base}/"], stdin: new byte[50_001]);

        Assert.Equal((400, "missing paste content\n"), (empty.Status, empty.Text));
        Assert.Equal((413, "too large paste content\n"), (oversize.Status, oversize.Text));
    }

    [Fact]
    public async Task Hastebin_post_documents_then_get_the_document_and_the_raw_bytes()
    {
        var created = await Curl.RunAsync(["--data-binary", "@-", $"{_base}/documents"], stdin: Bytes);

        Assert.Equal(200, created.Status);
        var key = JsonElement.Parse(created.Text).GetProperty("key").GetString()!;
        var document = await Curl.RunAsync([$"{_base}/documents/{key}"]);
        Assert.Equal(200, document.Status);
        using (var json = JsonDocument.Parse(document.Text))
        {
            Assert.Equal(key, json.RootElement.GetProperty("key").GetString());
            Assert.Equal(Encoding.UTF8.GetString(Bytes), json.RootElement.GetProperty("data").GetString());
        }
        Assert.Equal(Bytes, (await Curl.RunAsync([$"{_base}/raw/{key}"])).Body);
    }

    [Fact]
    public async Task The_root_guide_and_the_url_follow_a_trusted_proxys_forwarded_headers()
    {
        var guide = await Curl.RunAsync([$"{_base}/"]);
        var proxied = await Curl.RunAsync(["-H", "X-Forwarded-Proto: https", "-H", "X-Forwarded-Host: paste.example.org",
            "--data-binary", "x", $"{_base}/"]);

        Assert.Contains($"curl --data-binary @file.txt {_base}/\n", guide.Text);
        Assert.Matches("^https://paste\\.example\\.org/[A-Za-z0-9]{6}\n$", proxied.Text);
    }

    [Fact]
    public async Task Pastelite_paste_uploads_a_file_and_stdin_to_the_running_binary()
    {
        var file = fixture.Home.WriteFile("cli.bin", "");
        await File.WriteAllBytesAsync(file, Bytes);

        var fromFile = await PasteLiteProcess.RunAsync(["paste", file, "--server", _base]);
        var fromStdin = await PasteLiteProcess.RunAsync(["paste", "--server", _base, "--burn", "--expire", "1h"], stdin: "piped\r\nno newline");
        var refused = await PasteLiteProcess.RunAsync(["paste", "--server", _base, "--expire", "forever"]);

        Assert.Equal(0, fromFile.ExitCode);
        Assert.StartsWith("modification token: ", fromFile.Error);
        Assert.Equal(Bytes, (await Curl.RunAsync([fromFile.Out.TrimEnd('\n')])).Body);
        Assert.Equal(0, fromStdin.ExitCode);
        Assert.Equal("piped\r\nno newline", (await Curl.RunAsync([fromStdin.Out.TrimEnd('\n')])).Text);
        Assert.Equal(404, (await Curl.RunAsync([fromStdin.Out.TrimEnd('\n')])).Status); // burnt by that read
        Assert.Equal(2, refused.ExitCode);
    }
}
