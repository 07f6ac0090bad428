using PasteLite.Config;

namespace PasteLite.Tests;

public sealed class DurationTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("720h", 2_592_000_000)]
    [InlineData("7d", 604_800_000)]
    [InlineData("300ms", 300)]
    [InlineData("1d12h", 129_600_000)]
    [InlineData("0", 0)]
    public void Valid_durations_parse(string text, long expectedMs)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("5")]
    [InlineData("5x")]
    [InlineData("-5m")]
    [InlineData("m")]
    [InlineData("1h 30m")]
    [InlineData("5M")]
    [InlineData("99999999999d")]
    public void Invalid_durations_are_refused(string text)
    {
        Assert.False(Durations.TryParse(text, out _));
    }

    [Theory]
    [InlineData("300ms")]
    [InlineData("45s")]
    [InlineData("5m")]
    [InlineData("90m")]
    [InlineData("720h")]
    [InlineData("7d")]
    public void Format_round_trips_through_TryParse(string text)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.True(Durations.TryParse(Durations.Format(duration), out var again));
        Assert.Equal(duration, again);
    }
}
