namespace PasteLite.Config;

/// <summary>One configuration key: its dotted name, default, help text and pasty's names for it.</summary>
internal sealed record SettingKey(string Name, string Default, string Help, params string[] PastyAliases)
{
    /// <summary>`OG_` + the key in upper case with `.` and `-` turned into `_` (api.enabled -> OG_API_ENABLED).</summary>
    public string EnvName { get; } = "OG_" + Name.ToUpperInvariant().Replace('.', '_').Replace('-', '_');
}

/// <summary>The table of every key PasteLite reads; the loader, the env mapping and config.example.yml all follow it.</summary>
internal static class SettingKeys
{
    public const string Home = "opengist-home";
    public const string DbUri = "db-uri";
    public const string ExternalUrl = "external-url";
    public const string HttpHost = "http.host";
    public const string HttpPort = "http.port";
    public const string TrustedProxies = "http.trusted-proxies";
    public const string MaxBodySize = "http.max-body-size";
    public const string LogLevel = "log-level";
    public const string ApiEnabled = "api.enabled";
    public const string JournalMode = "sqlite.journal-mode";
    public const string SecretKey = "secret-key";
    public const string MetricsEnabled = "metrics.enabled";
    public const string MetricsHost = "metrics.host";
    public const string MetricsPort = "metrics.port";
    public const string PastyEnabled = "pasty.enabled";
    public const string PastyIdLength = "pasty.id-length";
    public const string PastyIdCharacters = "pasty.id-characters";
    public const string PastyModificationTokens = "pasty.modification-tokens";
    public const string PastyModificationTokenLength = "pasty.modification-token-length";
    public const string PastyAdminToken = "pasty.admin-token";
    public const string PastyLengthCap = "pasty.length-cap";
    public const string PastyRateLimit = "pasty.rate-limit";
    public const string PastyAutodeleteEnabled = "pasty.autodelete.enabled";
    public const string PastyAutodeleteLifetime = "pasty.autodelete.lifetime";
    public const string PastyAutodeleteInterval = "pasty.autodelete.task-interval";
    public const string PastyReportsEnabled = "pasty.reports.enabled";
    public const string PastyReportsWebhook = "pasty.reports.webhook";
    public const string PastyReportsWebhookToken = "pasty.reports.webhook-token";
    public const string PastyReportsTimeout = "pasty.reports.timeout";
    public const string PastyHastebinSupport = "pasty.hastebin-support";
    public const string PastyRequireToken = "pasty.require-token";
    public const string PastyMaxExpiry = "pasty.max-expiry";

    public const string DefaultIdCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static readonly IReadOnlyList<SettingKey> All =
    [
        new(Home, "~/.pastelite", "Directory holding the database and the generated secret key (created 0700)."),
        new(DbUri, "pastelite.db", "SQLite database file; a relative path is relative to opengist-home."),
        new(ExternalUrl, "", "Public base URL (https://paste.example.com) used in links; empty means taken from each request."),
        new(HttpHost, "0.0.0.0", "Address to listen on; an absolute path listens on a Unix socket."),
        new(HttpPort, "6157", "TCP port to listen on (0 picks a free port and prints it; needs an IP address in http.host)."),
        new(TrustedProxies, "", "Comma-separated IPs or CIDR ranges whose X-Forwarded-* headers are believed."),
        new(MaxBodySize, "10485760", "Largest request body in bytes where no surface sets its own (the Gist API, the default); web forms take at most 2 MiB."),
        new(LogLevel, "warn", "debug, info, warn, error or fatal; info logs one line per request."),
        new(ApiEnabled, "true", "Serve the Gist REST API under /api/ (the OpenAPI document stays served)."),
        new(JournalMode, "WAL", "SQLite journal mode: WAL, DELETE, TRUNCATE, PERSIST, MEMORY or OFF."),
        new(SecretKey, "", "Key for signing sessions; empty means generated once into opengist-home."),
        new(MetricsEnabled, "false", "Serve Prometheus metrics on a separate listener."),
        new(MetricsHost, "0.0.0.0", "Address of the metrics listener."),
        new(MetricsPort, "6158", "Port of the metrics listener, never http.port (0 picks a free port and prints it)."),
        new(PastyEnabled, "true", "Serve the paste surfaces: pasty's API v2, the terminal and hastebin routes."),
        new(PastyIdLength, "6", "Length of new paste ids; changing it keeps earlier ids working.", "PASTY_ID_LENGTH", "PASTY_PASTE_ID_LENGTH"),
        new(PastyIdCharacters, DefaultIdCharacters, "Characters paste ids are made of.", "PASTY_ID_CHARACTERS", "PASTY_PASTE_ID_CHARSET"),
        new(PastyModificationTokens, "true", "Give each new paste a modification token.",
            "PASTY_MODIFICATION_TOKENS", "PASTY_DELETION_TOKENS", "PASTY_MODIFICATION_TOKENS_ENABLED"),
        new(PastyModificationTokenLength, "12", "Length of generated modification tokens.",
            "PASTY_MODIFICATION_TOKEN_LENGTH", "PASTY_DELETION_TOKEN_LENGTH"),
        new(PastyAdminToken, "", "Token that may modify or delete every paste; empty disables it.",
            "PASTY_MODIFICATION_TOKEN_MASTER", "PASTY_DELETION_TOKEN_MASTER"),
        new(PastyLengthCap, "50000", "Largest paste in UTF-8 bytes; 0 means no cap.", "PASTY_LENGTH_CAP", "PASTY_PASTE_LENGTH_CAP"),
        new(PastyRateLimit, "30-M", "Paste requests per client IP: <n>-<S|M|H|D>, or off.", "PASTY_RATE_LIMIT"),
        new(PastyAutodeleteEnabled, "false", "Delete pastes older than the lifetime.", "PASTY_AUTODELETE", "PASTY_CLEANUP_ENABLED"),
        new(PastyAutodeleteLifetime, "720h", "Age at which pastes are deleted (Go durations: 30m, 720h, 7d).",
            "PASTY_AUTODELETE_LIFETIME", "PASTY_CLEANUP_PASTE_LIFETIME"),
        new(PastyAutodeleteInterval, "5m", "How often the sweeper runs.", "PASTY_AUTODELETE_TASK_INTERVAL", "PASTY_CLEANUP_TASK_INTERVAL"),
        new(PastyReportsEnabled, "false", "Accept paste reports and relay them to the webhook.", "PASTY_REPORTS", "PASTY_REPORTS_ENABLED"),
        new(PastyReportsWebhook, "", "URL that receives reports as JSON.", "PASTY_REPORT_WEBHOOK", "PASTY_REPORTS_WEBHOOK_URL"),
        new(PastyReportsWebhookToken, "", "Sent to the webhook as Authorization: Bearer <token>.",
            "PASTY_REPORT_WEBHOOK_TOKEN", "PASTY_REPORTS_WEBHOOK_TOKEN"),
        new(PastyReportsTimeout, "10s", "How long to wait for the webhook before answering 502."),
        new(PastyHastebinSupport, "true", "Serve hastebin's /documents routes.", "PASTY_HASTEBIN_SUPPORT"),
        new(PastyRequireToken, "false", "Creating a paste needs a personal access token with gist:write."),
        new(PastyMaxExpiry, "", "Longest a terminal or hastebin paste may live (e.g. 30d): a longer Expire is refused, none gets this; empty means no bound."),
    ];

    public static SettingKey? Find(string name) => All.FirstOrDefault(k => k.Name == name);
}
