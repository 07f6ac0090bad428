using System.Net;
using Microsoft.Extensions.Logging;

namespace PasteLite.Config;

/// <summary>Every setting, parsed and validated; built once at start-up by <see cref="SettingsLoader"/>.</summary>
internal sealed record Settings
{
    public required string Home { get; init; }
    public required string DatabasePath { get; init; }
    public required string ExternalUrl { get; init; }
    public required string HttpHost { get; init; }
    public required int HttpPort { get; init; }
    public required IReadOnlyList<IPNetwork> TrustedProxies { get; init; }
    public required int MaxBodySize { get; init; }
    public required LogLevel LogLevel { get; init; }
    public required bool ApiEnabled { get; init; }
    public required string JournalMode { get; init; }
    public required string SecretKey { get; init; }
    public required MetricsSettings Metrics { get; init; }
    public required PastySettings Pasty { get; init; }
}

internal sealed record MetricsSettings(bool Enabled, string Host, int Port);

/// <summary>A fixed window of <see cref="Permits"/> requests per <see cref="Window"/>; null means no limit.</summary>
internal sealed record RateLimitRule(int Permits, TimeSpan Window);

internal sealed record PastySettings
{
    public required bool Enabled { get; init; }
    public required int IdLength { get; init; }
    public required string IdCharacters { get; init; }
    public required bool ModificationTokens { get; init; }
    public required int ModificationTokenLength { get; init; }
    public required string AdminToken { get; init; }
    /// <summary>Largest content in UTF-8 bytes; 0 means no cap (pasty's meaning).</summary>
    public required int LengthCap { get; init; }
    public required RateLimitRule? RateLimit { get; init; }
    public required bool AutodeleteEnabled { get; init; }
    public required TimeSpan AutodeleteLifetime { get; init; }
    public required TimeSpan AutodeleteInterval { get; init; }
    public required bool ReportsEnabled { get; init; }
    public required string ReportsWebhook { get; init; }
    public required string ReportsWebhookToken { get; init; }
    public required TimeSpan ReportsTimeout { get; init; }
    public required bool HastebinSupport { get; init; }
    public required bool RequireToken { get; init; }
    public required TimeSpan? MaxExpiry { get; init; }
}
