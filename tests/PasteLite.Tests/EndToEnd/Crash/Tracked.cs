using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd.Crash;

/// <summary>
/// One object's state as the server last acknowledged it (null once a delete was acknowledged), and the state that a
/// change sent but never answered may have left instead. Only the worker that created the object changes it, one
/// request at a time, so at most one change is in flight when the server is killed.
/// </summary>
internal sealed class Tracked<T>(T created) where T : class
{
    private (bool Sent, T? Value) _pending;

    public T? Acknowledged { get; private set; } = created;

    /// <summary>A change is about to be sent (null: a delete).</summary>
    public void Send(T? next) => _pending = (true, next);

    /// <summary>Answered with success: the change is now what must survive.</summary>
    public void Acknowledge()
    {
        Acknowledged = _pending.Value;
        _pending = default;
    }

    /// <summary>Answered with a refusal: nothing changed.</summary>
    public void Refused() => _pending = default;

    /// <summary>The states the server may hold after a crash: the acknowledged one, or the unanswered change's.</summary>
    public IReadOnlyList<T?> Allowed => _pending.Sent ? [Acknowledged, _pending.Value] : [Acknowledged];
}
