namespace PasteLite.Tests.Hardening;

/// <summary>The headers every answer must carry, whatever produced it: no sniffing, no framing, no referrer leaks.</summary>
internal static class SecurityHeaderAssert
{
    public static void AssertSecurityHeaders(this HttpResponseMessage response, string what)
    {
        string? Header(string name) =>
            response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
                ? string.Join(",", values) : null;

        var status = $"{what} ({(int)response.StatusCode})";
        Assert.True(Header("X-Content-Type-Options") == "nosniff", $"{status}: X-Content-Type-Options is {Header("X-Content-Type-Options") ?? "missing"}");
        Assert.True(Header("Referrer-Policy") is { Length: > 0 }, $"{status}: no Referrer-Policy");
        var framing = Header("X-Frame-Options") == "DENY" || Header("Content-Security-Policy")?.Contains("frame-ancestors 'none'") == true;
        Assert.True(framing, $"{status}: neither X-Frame-Options DENY nor CSP frame-ancestors 'none'");
    }
}
