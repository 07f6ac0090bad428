using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace PasteLite.Config;

/// <summary>Turns the layered raw values into a validated <see cref="Settings"/>; the first bad value stops start-up.</summary>
internal static class SettingsLoader
{
    public static (Settings Settings, IReadOnlyList<string> Warnings) Load(ConfigInputs inputs)
    {
        var (raw, warnings) = ConfigSources.Gather(inputs);
        var read = new Reader(raw);
        var env = inputs.Environment ?? new Dictionary<string, string>();

        var home = ExpandHome(read.String(SettingKeys.Home), env);
        var settings = new Settings
        {
            Home = home,
            DatabasePath = DatabasePath(read, home),
            ExternalUrl = ExternalUrl(read),
            HttpHost = read.ListenHost(SettingKeys.HttpHost),
            HttpPort = read.Int(SettingKeys.HttpPort, 0, 65535),
            TrustedProxies = read.Networks(SettingKeys.TrustedProxies),
            MaxBodySize = read.Int(SettingKeys.MaxBodySize, 1024, int.MaxValue),
            LogLevel = read.OneOf(SettingKeys.LogLevel, LogLevels),
            ApiEnabled = read.Bool(SettingKeys.ApiEnabled),
            JournalMode = read.OneOf(SettingKeys.JournalMode, JournalModes),
            SecretKey = read.String(SettingKeys.SecretKey),
            Metrics = new MetricsSettings(
                read.Bool(SettingKeys.MetricsEnabled),
                read.ListenHost(SettingKeys.MetricsHost),
                read.Int(SettingKeys.MetricsPort, 0, 65535)),
            Pasty = new PastySettings
            {
                Enabled = read.Bool(SettingKeys.PastyEnabled),
                IdLength = read.Int(SettingKeys.PastyIdLength, 1, 64),
                IdCharacters = read.Alphabet(SettingKeys.PastyIdCharacters),
                ModificationTokens = read.Bool(SettingKeys.PastyModificationTokens),
                ModificationTokenLength = read.Int(SettingKeys.PastyModificationTokenLength, 8, 256),
                AdminToken = read.String(SettingKeys.PastyAdminToken),
                LengthCap = read.Int(SettingKeys.PastyLengthCap, 0, int.MaxValue),
                RateLimit = read.RateLimit(SettingKeys.PastyRateLimit),
                AutodeleteEnabled = read.Bool(SettingKeys.PastyAutodeleteEnabled),
                AutodeleteLifetime = read.PositiveDuration(SettingKeys.PastyAutodeleteLifetime),
                AutodeleteInterval = read.PositiveDuration(SettingKeys.PastyAutodeleteInterval),
                ReportsEnabled = read.Bool(SettingKeys.PastyReportsEnabled),
                ReportsWebhook = read.Url(SettingKeys.PastyReportsWebhook),
                ReportsWebhookToken = read.String(SettingKeys.PastyReportsWebhookToken),
                ReportsTimeout = read.PositiveDuration(SettingKeys.PastyReportsTimeout),
                HastebinSupport = read.Bool(SettingKeys.PastyHastebinSupport),
                RequireToken = read.Bool(SettingKeys.PastyRequireToken),
                MaxExpiry = read.OptionalDuration(SettingKeys.PastyMaxExpiry),
            },
        };
        CheckListeners(read, settings);
        return (settings, warnings);
    }

    /// <summary>
    /// The listeners' rules across keys. Port 0 asks the system for a free port (printed in the start-up line), which
    /// needs one IP address: `localhost` is two (127.0.0.1 and ::1) that could not share it. The metrics listener needs
    /// a port of its own: on http.port it would either fail to bind or, on another address, answer the main port's
    /// requests as its own.
    /// </summary>
    private static void CheckListeners(Reader read, Settings settings)
    {
        const string AnyPortNeedsAnAddress = "port 0 (any free port) needs an IP address such as 127.0.0.1 in {0}, not localhost";
        if (settings.HttpPort == 0 && settings.HttpHost == "localhost")
            throw read.Invalid(SettingKeys.HttpPort, string.Format(CultureInfo.InvariantCulture, AnyPortNeedsAnAddress, SettingKeys.HttpHost));
        if (!settings.Metrics.Enabled) return;
        if (settings.Metrics.Port == 0 && settings.Metrics.Host == "localhost")
            throw read.Invalid(SettingKeys.MetricsPort, string.Format(CultureInfo.InvariantCulture, AnyPortNeedsAnAddress, SettingKeys.MetricsHost));
        if (settings.Metrics.Port != 0 && settings.Metrics.Port == settings.HttpPort && !settings.HttpHost.StartsWith('/'))
            throw read.Invalid(SettingKeys.MetricsPort,
                $"http.port is {settings.HttpPort} too (from {read.Origin(SettingKeys.HttpPort)}); the metrics listener needs a port of its own, or 0 for any free one");
    }

    private static readonly Dictionary<string, LogLevel> LogLevels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["debug"] = LogLevel.Debug, ["info"] = LogLevel.Information, ["warn"] = LogLevel.Warning,
        ["error"] = LogLevel.Error, ["fatal"] = LogLevel.Critical,
    };

    private static readonly Dictionary<string, string> JournalModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WAL"] = "WAL", ["DELETE"] = "DELETE", ["TRUNCATE"] = "TRUNCATE",
        ["PERSIST"] = "PERSIST", ["MEMORY"] = "MEMORY", ["OFF"] = "OFF",
    };

    private static string ExpandHome(string path, IReadOnlyDictionary<string, string> env)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            var userHome = env.TryGetValue("HOME", out var h) && h.Length > 0
                ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            path = Path.Join(userHome, path.Length > 1 ? path[2..] : "");
        }
        return Path.GetFullPath(path);
    }

    private static string DatabasePath(Reader read, string home)
    {
        var uri = read.NonEmpty(SettingKeys.DbUri);
        if (uri.Contains("://", StringComparison.Ordinal))
            throw read.Invalid(SettingKeys.DbUri, "only an SQLite file path is supported");
        return Path.GetFullPath(uri, home);
    }

    private static string ExternalUrl(Reader read)
    {
        var url = read.Url(SettingKeys.ExternalUrl);
        return url.TrimEnd('/');
    }

    /// <summary>Parses one raw value at a time and names its key and origin when it is wrong.</summary>
    private sealed class Reader(IReadOnlyDictionary<string, RawValue> raw)
    {
        public ConfigException Invalid(string key, string why)
        {
            var (value, origin) = raw[key];
            return new ConfigException($"invalid {key} \"{value}\" (from {origin}): {why}");
        }

        public string String(string key) => raw[key].Value.Trim();

        /// <summary>Where a key's value came from: default, a file line, an environment variable or a flag.</summary>
        public string Origin(string key) => raw[key].Origin;

        public string NonEmpty(string key)
        {
            var value = String(key);
            return value.Length > 0 ? value : throw Invalid(key, "must not be empty");
        }

        public string ListenHost(string key)
        {
            var host = NonEmpty(key);
            return host == "localhost" || host.StartsWith('/') || IPAddress.TryParse(host, out _) ? host
                : throw Invalid(key, "expected an IP address, localhost, or an absolute Unix socket path");
        }

        public bool Bool(string key) => String(key) switch
        {
            // Go's strconv.ParseBool set, which Opengist and pasty users already write.
            "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
            "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
            _ => throw Invalid(key, "expected true or false"),
        };

        public int Int(string key, int min, int max)
        {
            if (!int.TryParse(String(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                throw Invalid(key, "expected a whole number");
            if (n < min || n > max)
                throw Invalid(key, $"must be between {min} and {max}");
            return n;
        }

        public T OneOf<T>(string key, IReadOnlyDictionary<string, T> choices) =>
            choices.TryGetValue(String(key), out var v) ? v
                : throw Invalid(key, "expected one of " + string.Join(", ", choices.Keys));

        public string Alphabet(string key)
        {
            var chars = raw[key].Value;
            if (chars.Length < 2) throw Invalid(key, "needs at least two characters");
            if (chars.Distinct().Count() != chars.Length) throw Invalid(key, "has a character twice");
            if (chars.Any(c => c is '/' or '?' or '#' or '%' or '.' || char.IsWhiteSpace(c) || char.IsControl(c) || !char.IsAscii(c)))
                throw Invalid(key, "may hold only printable ASCII characters that are safe in a URL path");
            return chars;
        }

        public TimeSpan PositiveDuration(string key) =>
            Durations.TryParse(String(key), out var d) && d > TimeSpan.Zero ? d
                : throw Invalid(key, "expected a positive duration such as 30s, 5m, 720h or 7d");

        public TimeSpan? OptionalDuration(string key) =>
            String(key).Length == 0 || String(key).Equals("none", StringComparison.OrdinalIgnoreCase) ? null : PositiveDuration(key);

        public string Url(string key)
        {
            var value = String(key);
            if (value.Length == 0) return value;
            return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https")
                ? value : throw Invalid(key, "expected an absolute http:// or https:// URL");
        }

        public RateLimitRule? RateLimit(string key)
        {
            var value = String(key);
            if (value.Equals("off", StringComparison.OrdinalIgnoreCase)) return null;
            var dash = value.IndexOf('-');
            if (dash > 0 && int.TryParse(value.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                TimeSpan? window = value[(dash + 1)..].ToUpperInvariant() switch
                {
                    "S" => TimeSpan.FromSeconds(1), "M" => TimeSpan.FromMinutes(1),
                    "H" => TimeSpan.FromHours(1), "D" => TimeSpan.FromDays(1), _ => null,
                };
                if (window is { } w) return new RateLimitRule(n, w);
            }
            throw Invalid(key, "expected <n>-<S|M|H|D> such as 30-M, or off");
        }

        public IReadOnlyList<IPNetwork> Networks(string key)
        {
            var list = new List<IPNetwork>();
            foreach (var part in String(key).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (IPNetwork.TryParse(part, out var network)) list.Add(network);
                else if (IPAddress.TryParse(part, out var ip)) list.Add(new IPNetwork(ip, ip.GetAddressBytes().Length * 8));
                else throw Invalid(key, $"\"{part}\" is neither an IP address nor a CIDR range");
            }
            return list;
        }
    }
}
