namespace PasteLite.Endpoints;

/// <summary>
/// Runs steps before an endpoint's handler by wrapping its request delegate, where an endpoint filter would box the
/// handler's arguments and result on every call (~3% of a paste read, the hottest route).
/// </summary>
internal static class HandlerWrapping
{
    /// <summary>
    /// <paramref name="before"/> runs ahead of the handler (and of its endpoint filters); a non-null answer from it is
    /// sent instead of calling the handler. Steps run in the order they were added, a group's before its endpoints':
    /// pasty's CORS header is set before a read-access check may refuse.
    /// </summary>
    public static TBuilder RunBefore<TBuilder>(this TBuilder builder, Func<HttpContext, IResult?> before)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint => StepsOf(endpoint).All.Add(before));
        builder.Finally(endpoint =>
        {
            // Every step was added by now (conventions run before finally-conventions); the first of these wraps.
            var steps = StepsOf(endpoint);
            if (steps.Wrapped) return;
            steps.Wrapped = true;
            var all = steps.All.ToArray();
            var handler = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = http =>
            {
                foreach (var step in all)
                    if (step(http) is { } answer) return answer.ExecuteAsync(http);
                return handler(http);
            };
        });
        return builder;
    }

    private static BeforeSteps StepsOf(EndpointBuilder endpoint)
    {
        if (endpoint.Metadata.OfType<BeforeSteps>().FirstOrDefault() is { } steps) return steps;
        steps = new BeforeSteps();
        endpoint.Metadata.Add(steps);
        return steps;
    }

    /// <summary>An endpoint's steps, kept in its metadata while conventions run.</summary>
    private sealed class BeforeSteps
    {
        public List<Func<HttpContext, IResult?>> All { get; } = [];
        public bool Wrapped { get; set; }
    }
}
