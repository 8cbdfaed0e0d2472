using System.Collections.Immutable;

namespace Orchestrator.Contracts;

/// <summary>A validated sweep: data × grid × stopping methods, and how to run it.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SweepDefinition
{
    /// <summary>Sweep name; its slug is the sweep id, so resubmitting a sweep reuses its finished trials.</summary>
    [Id(0)]
    public required string Name { get; init; }

    /// <summary>Dataset name (<c>fashion-mnist</c>, <c>mnist</c>, …) or the canonical text of a user's NumPy files.</summary>
    [Id(1)]
    public required string Dataset { get; init; }

    /// <summary>Training-set fractions, each in (0, 1].</summary>
    [Id(2)]
    public ImmutableArray<double> Fractions { get; init; } = [1.0];

    /// <summary>Model: a name from the model catalogue or a user model's canonical text; with <see cref="SweepGrid.Models"/>, the first of them.</summary>
    [Id(3)]
    public required string Model { get; init; }

    /// <summary>The hyperparameter grid.</summary>
    [Id(4)]
    public SweepGrid Grid { get; init; } = new();

    /// <summary>Stopping methods; every grid point runs once per method.</summary>
    [Id(5)]
    public ImmutableArray<StoppingMethod> Stopping { get; init; } = [];

    /// <summary>Upper bound on epochs per trial.</summary>
    [Id(6)]
    public int MaxEpochs { get; init; } = 20;

    /// <summary>Probe-set size for the connectome.</summary>
    [Id(7)]
    public int ProbeSize { get; init; } = 500;

    /// <summary>Part of the subset held out for validation by methods that need it (VL); others train on all of it.</summary>
    [Id(8)]
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Trials of this sweep running at once.</summary>
    [Id(9)]
    public int Concurrency { get; init; } = 1;

    /// <summary><c>cpu</c>, <c>cuda</c> or <c>auto</c>.</summary>
    [Id(10)]
    public string Device { get; init; } = "cpu";

    /// <summary>Checkpoint every this many epochs.</summary>
    [Id(11)]
    public int CheckpointEvery { get; init; } = 1;

    /// <summary>How often a trial whose silo died is restarted before it is marked failed.</summary>
    [Id(12)]
    public int MaxRestarts { get; init; } = 3;

    /// <summary>
    /// Evaluate the test split after every epoch, for monitoring and reports only: no stopping criterion
    /// ever sees it, and its time is kept apart from the method's monitoring cost.
    /// </summary>
    [Id(13)]
    public bool RecordTestAccuracy { get; init; }

    /// <summary>
    /// Record the connectome's signals (probe, connectome, decomposition, distance) for trials whose criterion
    /// does not read them (VL, NP, none), so reports can compare the signals; off, such trials skip that work.
    /// </summary>
    [Id(14)]
    public bool RecordTopology { get; init; }

    /// <summary>Nesterov momentum for the sweep's SGD trials.</summary>
    [Id(15)]
    public bool Nesterov { get; init; }

    /// <summary>The learning-rate schedule's canonical text (<c>constant</c>, <c>cosine</c>, <c>step(10,0.1)</c>).</summary>
    [Id(16)]
    public string Schedule { get; init; } = "constant";

    /// <summary>An adaptive search over a space instead of the grid's product; null for a grid sweep.</summary>
    [Id(17)]
    public SweepSearch? Search { get; init; }

    /// <summary>What the search optimises; null when nothing is optimised.</summary>
    [Id(18)]
    public SweepObjective? Objective { get; init; }

    /// <summary>The cross-trial scheduler pruning a search's trials; null for none.</summary>
    [Id(19)]
    public SweepTrialScheduler? Scheduler { get; init; }

    /// <summary>The search's label-free refit of its best configuration on all labelled data; null for none.</summary>
    [Id(20)]
    public SweepRefit? Refit { get; init; }
}
