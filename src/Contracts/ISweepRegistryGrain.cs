using System.Collections.Immutable;

namespace Orchestrator.Contracts;

/// <summary>The list of sweeps a cluster knows (a single grain, key <see cref="Key"/>).</summary>
public interface ISweepRegistryGrain : IGrainWithStringKey
{
    /// <summary>The one key of the registry grain.</summary>
    const string Key = "sweeps";

    /// <summary>Adds a sweep id (idempotent).</summary>
    Task Register(string sweepId);

    /// <summary>Removes a sweep id (idempotent).</summary>
    Task Unregister(string sweepId);

    /// <summary>All known sweep ids, sorted.</summary>
    Task<ImmutableArray<string>> List();
}
