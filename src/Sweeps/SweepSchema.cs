using System.Collections.Immutable;

namespace Orchestrator.Sweeps;

/// <summary>
/// The properties a sweep file may contain, per object; anything else is reported as unknown. Public so that
/// the sweep-file reference (src/Sweeps/sweep-file.md) is tested against it.
/// </summary>
public static class SweepSchema
{
    /// <summary>Properties of the root object.</summary>
    public static readonly ImmutableArray<string> TopLevelProperties =
    [
        "name", "dataset", "fractions", "model", "grid", "stopping", "maxEpochs", "probeSize",
        "validationFraction", "concurrency", "device", "checkpointEvery", "maxRestarts", "recordTestAccuracy", "recordTopology",
        "optimizer", "nesterov", "schedule", "space", "search", "objective", "scheduler", "refit",
    ];

    /// <summary>Properties of the <c>search</c> object.</summary>
    public static readonly ImmutableArray<string> SearchProperties = ["sampler", "trials", "seed", "parameters", "budget"];

    /// <summary>Properties of the <c>search.budget</c> object (either or both).</summary>
    public static readonly ImmutableArray<string> BudgetProperties = ["epochs", "seconds"];

    /// <summary>Properties of the <c>refit</c> object.</summary>
    public static readonly ImmutableArray<string> RefitProperties = ["stopping"];

    /// <summary>Properties of the <c>objective</c> object.</summary>
    public static readonly ImmutableArray<string> ObjectiveProperties = ["metric", "mode"];

    /// <summary>Lists of the <c>grid</c> object.</summary>
    public static readonly ImmutableArray<string> GridProperties = ["lr", "momentum", "batchSize", "weightDecay", "width", "seed", "optimizer", "betas", "model"];

    /// <summary>Properties of a <c>schedule</c> written as an object.</summary>
    public static readonly ImmutableArray<string> ScheduleProperties = ["name", "stepSize", "gamma", "minFactor"];

    /// <summary>Properties of a <c>stopping</c> entry written as an object.</summary>
    public static readonly ImmutableArray<string> StoppingProperties = ["method", "parameters"];
}
