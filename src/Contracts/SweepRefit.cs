namespace Orchestrator.Contracts;

/// <summary>
/// A search's label-free refit: once the search's trials have ended, its best configuration is trained once
/// more on all the labelled data (the hold-out given back), with <see cref="Stopping"/> deciding when to stop.
/// The criterion must need no hold-out (TOP does not: it reads the network's own connectome).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record SweepRefit
{
    /// <summary>The refit trial's stopping criterion (e.g. <c>top</c>).</summary>
    [Id(0)]
    public required StoppingMethod Stopping { get; init; }
}
