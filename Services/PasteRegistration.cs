using PasteLite.Config;
using PasteLite.Data;
using PasteLite.Hosting;

namespace PasteLite.Services;

internal static class PasteRegistration
{
    /// <summary>What every paste surface shares: the store, creation and token checks, the per-IP rate limiter, the report webhook, the expiry sweeper.</summary>
    public static IServiceCollection AddPastes(this IServiceCollection services, Settings settings)
    {
        services.AddSingleton<PasteIds>();
        services.AddSingleton<PasteStore>();
        services.AddSingleton<PasteService>();
        services.AddSingleton<PasteRateLimiter>();
        services.AddSingleton<ReportWebhook>();
        if (settings.Pasty.Enabled)
        {
            services.AddSingleton<PasteSweeper>();
            services.AddHostedService(s => s.GetRequiredService<PasteSweeper>());
        }
        return services;
    }
}
