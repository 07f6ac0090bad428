using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using PasteLite.Auth;
using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Tests.Support;
using PasteLite.Web;
using Xunit.Abstractions;

namespace PasteLite.Tests.Hardening;

/// <summary>
/// Generated hostile requests against every route the server maps (seeded, so a failure replays): malformed and
/// wrongly typed JSON, huge and deeply nested values, invalid UTF-8, control characters, path traversal, SQL
/// metacharacters, absurd pagination, oversized headers, wrong methods and content types, with and without valid
/// tokens and cookies. No answer may be a 5xx; a 4xx with a body says something; the server stays healthy; a paste
/// and a gist stored before the run are unchanged after it. FUZZ_REQUESTS and FUZZ_SEED run a longer or other pass.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly int Requests = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), out var n) ? n : 3000;
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var s) ? s : 20261122;

    private readonly TestHome _home = new();
    private InProcessServer _server = null!;
    private Pasty.WebhookListener _webhook = null!;

    public async Task InitializeAsync()
    {
        // Reports on, relayed to a webhook that accepts them, so the report route is fuzzed too.
        _webhook = await Pasty.WebhookListener.AnsweringAsync(200, """{"success":true,"message":"noted"}""");
        _server = await InProcessServer.StartAsync(_home, new Dictionary<string, string>
        {
            [SettingKeys.PastyRateLimit] = "off",
            [SettingKeys.PastyReportsEnabled] = "true",
            [SettingKeys.PastyReportsWebhook] = _webhook.Url,
        }, b => b.Services.AddSingleton<IStartupFilter>(new PeerFromHeader()));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _webhook.DisposeAsync();
        _home.Dispose();
    }

    /// <summary>The TestServer has no TCP peer; X-Test-Peer gives each request a client address, so throttles see many clients.</summary>
    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers["X-Test-Peer"], out var peer)) context.Connection.RemoteIpAddress = peer;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    // ---- fixtures the fuzzer aims at -----------------------------------------------------------

    private sealed record Known(string PasteId, string GistUuid, string GistVersion, string Owner, string FuzzUser, string FuzzToken, string Session);

    private async Task<Known> Seed_()
    {
        var users = _server.Get<UserStore>();
        var owner = users.Create("owner", "owner@example.org", "not-a-real-hash", false)!;
        var fuzzer = users.Create("fuzzer", "fuzzer@example.org", "not-a-real-hash", false)!;
        string Token(UserRow user)
        {
            var token = AccessTokens.Generate();
            _server.Get<AccessTokenStore>().Create(user.Id, "t", AccessTokens.Hash(token), new TokenScopes(ScopeLevel.Write, ScopeLevel.Write), 0);
            return token;
        }

        var create = new HttpRequestMessage(HttpMethod.Post, "/api/gists")
        {
            Content = new StringContent("""{"description":"kept","public":true,"files":{"a.md":{"content":"# kept\n"},"b.txt":{"content":"b"}}}""",
                Encoding.UTF8, "application/json"),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Token", Token(owner));
        var gist = JsonDocument.Parse(await (await _server.Client.SendAsync(create)).Content.ReadAsStringAsync()).RootElement;
        var uuid = gist.GetProperty("id").GetString()!;
        var version = TestDatabase.Scalar<string>(_home.DatabasePath,
            "SELECT version FROM gist_revisions r JOIN gists g ON g.id = r.gist_id WHERE g.uuid = @uuid", new { uuid });

        var paste = await _server.Client.PostAsync("/api/v2/pastes",
            new StringContent("""{"content":"kept paste\u0000\u00e9","metadata":{"k":[1,2]}}""", Encoding.UTF8, "application/json"));
        var pasteId = JsonDocument.Parse(await paste.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        return new Known(pasteId, uuid, version, owner.Username, fuzzer.Username, Token(fuzzer), _server.Get<SessionStore>().Create(fuzzer.Id));
    }

    private string Snapshot(Known known)
    {
        var paste = TestDatabase.Scalar<string>(_home.DatabasePath,
            "SELECT id || '|' || hex(content) || '|' || ifnull(token_hash,'') || '|' || metadata || '|' || ifnull(expires_at,'') || '|' || burn_after_read FROM pastes WHERE id = @id",
            new { id = known.PasteId });
        var gist = TestDatabase.Scalar<string>(_home.DatabasePath,
            """
            SELECT g.uuid || '|' || g.user_id || '|' || g.title || '|' || g.description || '|' || g.visibility || '|' || g.updated_at || '|' ||
                   g.expires_at || '|' || g.archived || '|' || g.nb_files || '|' ||
                   (SELECT group_concat(r.version || ':' || f.filename || ':' || hex(b.content), ';')
                      FROM gist_revisions r JOIN gist_revision_files f ON f.revision_id = r.id JOIN blobs b ON b.hash = f.blob_hash
                     WHERE r.gist_id = g.id)
            FROM gists g WHERE g.uuid = @uuid
            """, new { uuid = known.GistUuid });
        return paste + "\n" + gist;
    }

    // ---- generators ----------------------------------------------------------------------------

    /// <summary>Route values already in URI form (percent-encoded where needed).</summary>
    private static readonly string[] HostileSegments =
    [
        "..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "....%2f%2f", "%2F", "%5c..%5c..",
        "'%20OR%201%3D1%20--", "%22%3B%20DROP%20TABLE%20pastes%3B%20--", "1%27%29%3B--", "%25", "%00", "%01%02%1b%7f",
        "%FF%FE", "%C3%28", "%ED%A0%80", "%F0%9F%92%A5", "%E2%80%AE", "-1", "0", "99999999999999999999", "1e309", "NaN",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%0d%0aSet-Cookie%3A%20x%3D1", "CON", "a.b.c", ".", "~", "%20", "null",
        "true", "[]", "%7B%7D", "a%3Ab", "x.json", "x.svg", "x.", ".ext",
    ];

    private string Segment(Random random, Known known, string name) => random.Next(10) switch
    {
        < 4 => name.ToLowerInvariant() switch
        {
            "id" or "key" => random.Next(2) == 0 ? known.PasteId : "1",
            "uuid" or "gist" => known.GistUuid,
            "sha" => random.Next(2) == 0 ? known.GistVersion : known.GistVersion[..7],
            "user" or "username" => random.Next(2) == 0 ? known.Owner : known.FuzzUser,
            "filename" => random.Next(2) == 0 ? "a.md" : "b.txt",
            "ext" => random.Next(2) == 0 ? "py" : "svg",
            _ => "1",
        },
        < 8 => HostileSegments[random.Next(HostileSegments.Length)],
        8 => new string('a', random.Next(200, 5000)),
        _ => Uri.EscapeDataString(RandomText(random, random.Next(1, 40))),
    };

    private const string Metacharacters = "'\";--%_*\\/<>{}[]$`";

    private static string RandomText(Random random, int length)
    {
        var text = new StringBuilder();
        for (var i = 0; i < length; i++)
            text.Append(random.Next(6) switch
            {
                0 => (char)random.Next(0, 32),           // control characters
                1 => (char)random.Next(0x80, 0x800),
                2 => Metacharacters[random.Next(Metacharacters.Length)],
                3 => char.ConvertFromUtf32(random.Next(0x1F300, 0x1F600))[0],  // a lone high surrogate
                _ => (char)random.Next(32, 127),
            });
        return text.ToString();
    }

    private static readonly string[] QueryParts =
    [
        "per_page=-1", "per_page=0", "per_page=1000000", "per_page=abc", "page=99999999999", "page=-5", "page=0",
        "page=1.5", "page=%00", "since=yesterday", "since=9999-99-99T99:99:99Z", "since=%27%20OR%201%3D1", "q=%27%20OR%201%3D1%20--",
        "limit=99999999999", "expire=-1", "expire=99999999999d", "burn=maybe", "lang=..%2F..%2Fetc", "raw=1", "page=1&page=2",
        "per_page=30&per_page=-1", "x=%FF%FE", "%FF=1", "sort=;DROP", "visibility=3", "return=//evil.example",
    ];

    private string Path(Random random, Known known, RoutePattern pattern)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => Segment(random, known, parameter.Name),
                    _ => "",
                });
        }
        if (random.Next(3) == 0) path.Append(random.Next(4) == 0 ? "/../../x" : "/extra");
        if (path.Length == 0) path.Append('/');
        // A NUL in the path never reaches the app: Kestrel answers 400 while parsing the request line (the TestServer
        // throws instead), so the in-process run sends %01 there.
        path.Replace("%00", "%01");
        if (random.Next(2) == 0)
        {
            path.Append('?');
            for (var i = random.Next(1, 4); i > 0; i--) path.Append(QueryParts[random.Next(QueryParts.Length)]).Append('&');
        }
        return path.ToString();
    }

    private static string Nested(int depth, bool arrays) =>
        arrays ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private static string RandomJson(Random random, int depth = 0)
    {
        if (depth > 4) return "null";
        return random.Next(9) switch
        {
            0 => random.Next(int.MinValue, int.MaxValue).ToString(),
            1 => JsonSerializer.Serialize(RandomText(random, random.Next(0, 30))),
            2 => random.Next(2) == 0 ? "true" : "null",
            3 => "1e400",
            4 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomJson(random, depth + 1))) + "]",
            _ => "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 5)).Select(_ =>
                JsonSerializer.Serialize(Keys[random.Next(Keys.Length)]) + ":" + RandomJson(random, depth + 1))) + "}",
        };
    }

    private static readonly string[] Keys =
    [
        "content", "metadata", "files", "description", "public", "visibility", "title", "reason", "paste", "filename",
        "a.txt", "../x", "", "name", "email", "password", "username", "topics", "url", "language", "expires_at", "\u0000",
    ];

    private static readonly string[] Shapes =
    [
        """{"files":5}""", """{"files":{"a.txt":{"content":123}}}""", """{"files":{"":{"content":"x"}}}""",
        """{"files":{"../../etc/passwd":{"content":"x"}}}""", """{"files":{"a.txt":null}}""", """{"files":[]}""",
        """{"files":{"a.txt":{"content":"x","filename":{"x":1}}}}""", """{"description":["x"],"public":"yes","files":{"a":{"content":"b"}}}""",
        """{"visibility":99,"files":{"a":{"content":"b"}}}""", """{"content":["x"]}""", """{"content":"x","metadata":"str"}""",
        """{"content":"x","metadata":[1,2]}""", """{"content":null}""", """{"content":""}""", """{"reason":{"a":1}}""",
        """{"name":"' OR 1=1 --","email":"x"}""", """{"username":"../admin"}""", """{"content":"x","metadata":{"a":{"b":{"c":{"d":{"e":{"f":{"g":1}}}}}}}}""",
        "{", "}", "[", "\"", "nul", "{\"a\":1,}", "{'a':1}", "{\"a\":1}{\"b\":2}", "\uFEFF{}", "", " ", "null", "[]", "0",
    ];

    private (HttpContent? Content, string Kind) Body(Random random)
    {
        string[] types =
        [
            "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=XyZ", "multipart/form-data", "application/xml", "a/b/c;;;=", "application/json; charset=ebcdic",
            "multipart/form-data; boundary=", "text/html",
        ];
        byte[] bytes;
        string kind;
        switch (random.Next(12))
        {
            case 0: bytes = []; kind = "empty"; break;
            case 1: case 2: bytes = Encoding.UTF8.GetBytes(RandomJson(random)); kind = "random json"; break;
            case 3: case 4: bytes = Encoding.UTF8.GetBytes(Shapes[random.Next(Shapes.Length)]); kind = "shape"; break;
            case 5: bytes = Encoding.UTF8.GetBytes(Nested(random.Next(64, 20000), random.Next(2) == 0)); kind = "deep"; break;
            case 6:
                bytes = Encoding.UTF8.GetBytes("{\"content\":\"" + new string('x', random.Next(60_000, 400_000)) + "\",\"files\":{\"a\":{\"content\":\"y\"}}}");
                kind = "huge";
                break;
            case 7:
                bytes = new byte[random.Next(1, 300)];
                random.NextBytes(bytes);
                kind = "random bytes";
                break;
            case 8:
                bytes = [.. "{\"content\":\""u8, 0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80, .. "\",\"files\":{\"\xC0\":{\"content\":\"x\"}}}"u8];
                kind = "invalid utf-8";
                break;
            case 9:
                bytes = Encoding.UTF8.GetBytes($"content=x&{Csrf.FieldName}={_csrf}&username=' OR 1=1 --&password=&description=%FF%FE&file=..%2f..%2fx&name=&visibility=99&files%5B%5D=x&" +
                                               string.Join("&", Enumerable.Range(0, random.Next(0, 50)).Select(i => $"k{i}={Uri.EscapeDataString(RandomText(random, 10))}")));
                kind = "form";
                return (Typed(bytes, "application/x-www-form-urlencoded"), kind);
            case 10:
                bytes = Encoding.UTF8.GetBytes("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../a.txt\"\r\n\r\nhello\r\n--XyZ\r\n" +
                                               (random.Next(2) == 0 ? "--XyZ--\r\n" : "Content-Disposition: broken"));
                kind = "multipart";
                return (Typed(bytes, "multipart/form-data; boundary=XyZ"), kind);
            default:
                bytes = Encoding.UTF8.GetBytes(RandomText(random, random.Next(0, 500)));
                kind = "text";
                break;
        }
        return (Typed(bytes, random.Next(6) == 0 ? null : types[random.Next(types.Length)]), kind);
    }

    private static ByteArrayContent Typed(byte[] bytes, string? type)
    {
        var content = new ByteArrayContent(bytes);
        if (type is not null) content.Headers.TryAddWithoutValidation("Content-Type", type);
        return content;
    }

    private string _csrf = Convert.ToHexStringLower(new byte[32]);

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "FOO"];

    // ---- the run -------------------------------------------------------------------------------

    [Fact]
    public async Task Thousands_of_hostile_requests_get_no_5xx_and_change_nothing_they_may_not()
    {
        var known = await Seed_();
        var before = Snapshot(known);
        _csrf = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var routes = _server.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (e.RoutePattern, Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToArray() ?? Methods))
            .ToList();
        Assert.True(routes.Count > 40, $"only {routes.Count} routes found");

        var random = new Random(Seed);
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        var sent = 0;
        for (var i = 0; i < Requests; i++)
        {
            var (pattern, methods) = routes[i % routes.Count]; // every route, round and round
            var method = random.Next(5) == 0 ? Methods[random.Next(Methods.Length)] : methods[random.Next(methods.Length)];
            var request = new HttpRequestMessage(new HttpMethod(method), Path(random, known, pattern));
            request.Headers.TryAddWithoutValidation("X-Test-Peer", $"10.{random.Next(4)}.{random.Next(256)}.{random.Next(1, 255)}");
            switch (random.Next(6))
            {
                case 0: case 1: request.Headers.TryAddWithoutValidation("Authorization", (random.Next(2) == 0 ? "Token " : "Bearer ") + known.FuzzToken); break;
                case 2: request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Uri.EscapeDataString(RandomText(random, 30))); break;
                case 3: request.Headers.TryAddWithoutValidation("Authorization", random.Next(2) == 0 ? "Basic !!!" : "Bearer " + new string('t', 20_000)); break;
            }
            switch (random.Next(4))
            {
                case 0:
                    request.Headers.TryAddWithoutValidation("Cookie", $"{WebSession.CookieName}={known.Session}; {Csrf.CookieName}={_csrf}");
                    break;
                case 1:
                    request.Headers.TryAddWithoutValidation("Cookie", $"{WebSession.CookieName}=' OR 1=1 --; {Csrf.CookieName}=%FF; x=" + new string('c', 3000));
                    break;
            }
            if (random.Next(8) == 0) request.Headers.TryAddWithoutValidation("X-Huge", new string('h', random.Next(8_000, 64_000)));
            if (random.Next(6) == 0) request.Headers.TryAddWithoutValidation("X-Forwarded-For", "' OR 1=1 --, 999.1.1.1, ::ffff:zz");
            if (random.Next(5) == 0) request.Headers.TryAddWithoutValidation("Accept", random.Next(2) == 0 ? "text/html" : "application/xml;q=abc");
            if (random.Next(8) == 0) request.Headers.TryAddWithoutValidation("Origin", "https://evil.example");
            foreach (var header in new[] { "Expire", "Burn-After-Reading", "X-Expire", "Lang" })
                if (random.Next(20) == 0) request.Headers.TryAddWithoutValidation(header, random.Next(2) == 0 ? "-99999999999" : "' OR 1=1 --");
            string kind = "none";
            if (method is not ("GET" or "HEAD") || random.Next(10) == 0)
                (request.Content, kind) = Body(random);

            var line = $"#{i} {method} {request.RequestUri} body={kind}";
            sent++;
            try
            {
                using var response = await _server.Client.SendAsync(request);
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                var body = await response.Content.ReadAsByteArrayAsync();
                if (status >= 500)
                    failures.Add($"{line} -> {status}: {Snippet(body)}");
                else if (status >= 400 && body.Length > 0 && method != "HEAD" && Problem(response, body) is { } why)
                    failures.Add($"{line} -> {status} {why}: {Snippet(body)}");
            }
            catch (Exception e)
            {
                failures.Add($"{line} -> exception {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }

            if (i % 500 == 499)
                Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("/healthcheck")).StatusCode);
        }

        output.WriteLine($"{sent} requests over {routes.Count} routes in {clock.Elapsed.TotalSeconds:F1} s (seed {Seed}); statuses: " +
                         string.Join(", ", statuses.Select(kv => $"{kv.Key}×{kv.Value}")));
        foreach (var failure in failures.Take(40)) output.WriteLine(failure);

        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("/healthcheck")).StatusCode);
        Assert.Equal(before, Snapshot(known));
        Assert.True(failures.Count == 0, $"{failures.Count} bad answers of {sent}; first:\n" + string.Join("\n", failures.Take(15)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the fuzz run took {clock.Elapsed}");
    }

    private static string Snippet(byte[] body) => Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).ReplaceLineEndings(" ");

    /// <summary>Why a 4xx body does not carry a message, or null when it does.</summary>
    private static string? Problem(HttpResponseMessage response, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        if (string.IsNullOrWhiteSpace(text)) return "blank body";
        if (response.Content.Headers.ContentType?.MediaType is not ("application/json" or "application/problem+json")) return null;
        try
        {
            var json = JsonDocument.Parse(text).RootElement;
            if (json.ValueKind != JsonValueKind.Object) return "JSON error that is not an object";
            return json.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String && message.GetString()!.Trim().Length > 0
                ? null
                : "JSON error without a message";
        }
        catch (JsonException)
        {
            return "JSON error that does not parse";
        }
    }
}
