using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using PasteLite.Web;

namespace PasteLite.Tests.Hardening;

/// <summary>What the fuzzer aims at: a stored paste and gist (with a revision), their owner, and the fuzzer's own token and session.</summary>
internal sealed record FuzzKnown(string PasteId, string GistUuid, string GistVersion, string Owner, string FuzzUser, string FuzzToken, string Session);

/// <summary>A mapped route and the methods it answers.</summary>
internal sealed record FuzzRoute(RoutePattern Pattern, string[] Methods);

/// <summary>Where the generated requests go: how each carries its client address, and whether a NUL may be in the path.</summary>
internal enum FuzzTransport
{
    /// <summary>The TestServer: X-Test-Peer plays the client address; a NUL in the path throws there, so %01 goes instead.</summary>
    InProcess,
    /// <summary>dist/pastelite over TCP, trusting 127.0.0.1 as a proxy: X-Forwarded-For plays the client address; %00 goes as is.</summary>
    RealServer,
}

/// <summary>
/// Generated hostile requests against every route the server maps (seeded, so a run replays): malformed and wrongly
/// typed JSON, huge and deeply nested values, invalid UTF-8, control characters, path traversal, SQL metacharacters,
/// absurd pagination, oversized headers, wrong methods and content types, with and without valid tokens and cookies.
/// Each request comes from one of many client addresses, so throttles see many clients.
/// </summary>
internal sealed class FuzzRequests(FuzzKnown known, string csrf, FuzzTransport transport)
{
    /// <summary>The routes and methods the app maps, read from an app built with the same settings.</summary>
    public static List<FuzzRoute> Routes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => new FuzzRoute(e.RoutePattern, e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToArray() ?? Methods))
            .ToList();

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "FOO"];

    /// <summary>Request number <paramref name="i"/> (routes taken round and round), and a line describing it for failure reports.</summary>
    public (HttpRequestMessage Request, string Line) Next(Random random, int i, IReadOnlyList<FuzzRoute> routes)
    {
        var (pattern, methods) = routes[i % routes.Count];
        var method = random.Next(5) == 0 ? Methods[random.Next(Methods.Length)] : methods[random.Next(methods.Length)];
        var request = new HttpRequestMessage(new HttpMethod(method), Path(random, pattern));
        var peer = $"10.{random.Next(4)}.{random.Next(256)}.{random.Next(1, 255)}";
        request.Headers.TryAddWithoutValidation(transport == FuzzTransport.InProcess ? "X-Test-Peer" : "X-Forwarded-For", peer);
        switch (random.Next(6))
        {
            case 0: case 1: request.Headers.TryAddWithoutValidation("Authorization", (random.Next(2) == 0 ? "Token " : "Bearer ") + known.FuzzToken); break;
            case 2: request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Uri.EscapeDataString(RandomText(random, 30))); break;
            case 3: request.Headers.TryAddWithoutValidation("Authorization", random.Next(2) == 0 ? "Basic !!!" : "Bearer " + new string('t', 20_000)); break;
        }
        switch (random.Next(4))
        {
            case 0:
                request.Headers.TryAddWithoutValidation("Cookie", $"{WebSession.CookieName}={known.Session}; {Csrf.CookieName}={csrf}");
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
        var kind = "none";
        if (method is not ("GET" or "HEAD") || random.Next(10) == 0)
            (request.Content, kind) = Body(random);
        return (request, $"#{i} {method} {request.RequestUri} body={kind}");
    }

    // ---- paths ---------------------------------------------------------------------------------

    /// <summary>Route values already in URI form (percent-encoded where needed).</summary>
    private static readonly string[] HostileSegments =
    [
        "..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "....%2f%2f", "%2F", "%5c..%5c..",
        "'%20OR%201%3D1%20--", "%22%3B%20DROP%20TABLE%20pastes%3B%20--", "1%27%29%3B--", "%25", "%00", "%01%02%1b%7f",
        "%FF%FE", "%C3%28", "%ED%A0%80", "%F0%9F%92%A5", "%E2%80%AE", "-1", "0", "99999999999999999999", "1e309", "NaN",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%0d%0aSet-Cookie%3A%20x%3D1", "CON", "a.b.c", ".", "~", "%20", "null",
        "true", "[]", "%7B%7D", "a%3Ab", "x.json", "x.svg", "x.", ".ext",
    ];

    private string Segment(Random random, string name) => random.Next(10) switch
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

    private string Path(Random random, RoutePattern pattern)
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
                    RoutePatternParameterPart parameter => Segment(random, parameter.Name),
                    _ => "",
                });
        }
        if (random.Next(3) == 0) path.Append(random.Next(4) == 0 ? "/../../x" : "/extra");
        if (path.Length == 0) path.Append('/');
        // A NUL in the path never reaches the app: Kestrel answers 400 while parsing the request line (the TestServer
        // throws instead), so the in-process run sends %01 there.
        if (transport == FuzzTransport.InProcess) path.Replace("%00", "%01");
        if (random.Next(2) == 0)
        {
            path.Append('?');
            for (var i = random.Next(1, 4); i > 0; i--) path.Append(QueryParts[random.Next(QueryParts.Length)]).Append('&');
        }
        return path.ToString();
    }

    // ---- bodies --------------------------------------------------------------------------------

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

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=XyZ", "multipart/form-data", "application/xml", "a/b/c;;;=", "application/json; charset=ebcdic",
        "multipart/form-data; boundary=", "text/html",
    ];

    private (HttpContent? Content, string Kind) Body(Random random)
    {
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
                bytes = Encoding.UTF8.GetBytes($"content=x&{Csrf.FieldName}={csrf}&username=' OR 1=1 --&password=&description=%FF%FE&file=..%2f..%2fx&name=&visibility=99&files%5B%5D=x&" +
                                               string.Join("&", Enumerable.Range(0, random.Next(0, 50)).Select(i => $"k{i}={Uri.EscapeDataString(RandomText(random, 10))}")));
                return (Typed(bytes, "application/x-www-form-urlencoded"), "form");
            case 10:
                bytes = Encoding.UTF8.GetBytes("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../a.txt\"\r\n\r\nhello\r\n--XyZ\r\n" +
                                               (random.Next(2) == 0 ? "--XyZ--\r\n" : "Content-Disposition: broken"));
                return (Typed(bytes, "multipart/form-data; boundary=XyZ"), "multipart");
            default:
                bytes = Encoding.UTF8.GetBytes(RandomText(random, random.Next(0, 500)));
                kind = "text";
                break;
        }
        return (Typed(bytes, random.Next(6) == 0 ? null : ContentTypes[random.Next(ContentTypes.Length)]), kind);
    }

    private static ByteArrayContent Typed(byte[] bytes, string? type)
    {
        var content = new ByteArrayContent(bytes);
        if (type is not null) content.Headers.TryAddWithoutValidation("Content-Type", type);
        return content;
    }
}
