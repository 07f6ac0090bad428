namespace PasteLite.Tests.Support;

/// <summary>
/// Tests whose figures depend on a background thread keeping up (the WAL checkpointer): they run with no other test
/// beside them, since on two cores the parallel suite once starved the thread and the WAL passed its test's bound.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "runs alone";
}
