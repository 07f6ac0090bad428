namespace PasteLite.Tests.Hardening;

/// <summary>A TimeProvider whose "now" only moves when a test advances it (timers still run on the system clock).</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
