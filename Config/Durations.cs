using System.Globalization;

namespace PasteLite.Config;

/// <summary>Go-style durations (`300ms`, `5m`, `1h30m`, `720h`) plus `d` for days, as pasty and curl users write them.</summary>
internal static class Durations
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var s = text.Trim();
        if (s.Length == 0) return false;
        if (s == "0") return true;

        var i = 0;
        double totalMs = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (i == start || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return false;
            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
            double? unitMs = s[unitStart..i] switch
            {
                "ms" => 1,
                "s" => 1_000,
                "m" => 60_000,
                "h" => 3_600_000,
                "d" => 86_400_000,
                _ => null,
            };
            if (unitMs is null) return false;
            totalMs += number * unitMs.Value;
        }
        if (totalMs > TimeSpan.MaxValue.TotalMilliseconds) return false;
        duration = TimeSpan.FromMilliseconds(totalMs);
        return true;
    }

    /// <summary>The shortest Go-style spelling, for logs and the example config.</summary>
    public static string Format(TimeSpan d)
    {
        if (d == TimeSpan.Zero) return "0s";
        if (d.TotalDays >= 1 && d.Ticks % TimeSpan.TicksPerDay == 0) return $"{(long)d.TotalDays}d";
        if (d.Ticks % TimeSpan.TicksPerHour == 0) return $"{(long)d.TotalHours}h";
        if (d.Ticks % TimeSpan.TicksPerMinute == 0) return $"{(long)d.TotalMinutes}m";
        if (d.Ticks % TimeSpan.TicksPerSecond == 0) return $"{(long)d.TotalSeconds}s";
        return $"{(long)d.TotalMilliseconds}ms";
    }
}
