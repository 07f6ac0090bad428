namespace PasteLite.Auth;

/// <summary>Opengist's username rule: 1-24 letters, digits and dashes, and not a name our routes use.</summary>
internal static class Usernames
{
    public const int MaxLength = 24;

    // Opengist's reserved names (v1.15 and #711) plus the top-level paths of our own surfaces.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "api", "assets", "init", "healthcheck", "preview", "metrics", "mfa", "webauthn", "oauth",
        "register", "login", "logout", "settings", "admin-panel", "all", "search",
        "documents", "raw", "static",
    };

    public static string Normalize(string username) => username.ToLowerInvariant();

    /// <summary>Null when valid, else the reason.</summary>
    public static string? Validate(string username)
    {
        if (username.Length == 0) return "username is required";
        if (username.Length > MaxLength) return $"username must be at most {MaxLength} characters";
        if (!username.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || !username.Any(char.IsAsciiLetterOrDigit))
            return "username may contain only letters, digits and dashes, and needs a letter or digit";
        if (Reserved.Contains(username)) return $"username \"{username}\" is reserved";
        return null;
    }
}
