using System.Collections.Immutable;

namespace Orchestrator.Contracts;

/// <summary>One trial of a sweep: a single training run with fixed settings and one stopping method.</summary>
[GenerateSerializer]
[Immutable]
public sealed record TrialSpec
{
    /// <summary>Stable id derived from the parameters (see <c>Orchestrator.Sweeps.TrialId</c>).</summary>
    [Id(0)]
    public required string Id { get; init; }

    /// <summary>The sweep the trial belongs to.</summary>
    [Id(1)]
    public required string SweepId { get; init; }

    /// <summary>Dataset: a catalog name, or the canonical text of a user's NumPy files (<c>npz:{...}</c>, see <c>Orchestrator.Data.DatasetReference</c>).</summary>
    [Id(2)]
    public required string Dataset { get; init; }

    /// <summary>Training-set fraction in (0, 1].</summary>
    [Id(3)]
    public double Fraction { get; init; }

    /// <summary>Model: a catalog name, or the canonical text of a TorchScript file or .NET plugin (see <c>Orchestrator.Data.Models.ModelReference</c>).</summary>
    [Id(4)]
    public required string Model { get; init; }

    /// <summary>Base learning rate.</summary>
    [Id(5)]
    public double LearningRate { get; init; }

    /// <summary>SGD momentum.</summary>
    [Id(6)]
    public double Momentum { get; init; }

    /// <summary>Mini-batch size.</summary>
    [Id(7)]
    public int BatchSize { get; init; }

    /// <summary>L2 weight decay.</summary>
    [Id(8)]
    public double WeightDecay { get; init; }

    /// <summary>Width multiplier.</summary>
    [Id(9)]
    public double Width { get; init; } = 1;

    /// <summary>Seed.</summary>
    [Id(10)]
    public int Seed { get; init; }

    /// <summary>The stopping method of this trial.</summary>
    [Id(11)]
    public required StoppingMethod Stopping { get; init; }

    /// <summary>Upper bound on epochs.</summary>
    [Id(12)]
    public int MaxEpochs { get; init; }

    /// <summary>Probe-set size.</summary>
    [Id(13)]
    public int ProbeSize { get; init; }

    /// <summary>Validation hold-out (0 unless the stopping method needs one).</summary>
    [Id(14)]
    public double ValidationFraction { get; init; }

    /// <summary>Device.</summary>
    [Id(15)]
    public string Device { get; init; } = "cpu";

    /// <summary>Checkpoint every this many epochs.</summary>
    [Id(16)]
    public int CheckpointEvery { get; init; } = 1;

    /// <summary>Silo restarts allowed before the trial fails.</summary>
    [Id(17)]
    public int MaxRestarts { get; init; } = 3;

    /// <summary>Evaluate the test split after every epoch (monitoring only; never given to a criterion).</summary>
    [Id(18)]
    public bool RecordTestAccuracy { get; init; }

    /// <summary>Record the connectome's signals even when the criterion does not read them (see <see cref="SweepDefinition.RecordTopology"/>).</summary>
    [Id(19)]
    public bool RecordTopology { get; init; }

    /// <summary>The optimizer: <c>sgd</c>, <c>adam</c> or <c>adamw</c>.</summary>
    [Id(20)]
    public string Optimizer { get; init; } = "sgd";

    /// <summary>Nesterov momentum (SGD only).</summary>
    [Id(21)]
    public bool Nesterov { get; init; }

    /// <summary>Adam's β₁.</summary>
    [Id(22)]
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's β₂.</summary>
    [Id(23)]
    public double Beta2 { get; init; } = 0.999;

    /// <summary>The learning-rate schedule's canonical text: <c>constant</c>, <c>cosine</c>, <c>step(10,0.1)</c>.</summary>
    [Id(24)]
    public string Schedule { get; init; } = "constant";

    /// <summary>A search trial's position in its search (0 for the first proposal); null for a grid trial.</summary>
    [Id(25)]
    public int? SearchNumber { get; init; }

    /// <summary>A search trial's sampled parameters by name, as text, sorted by name (the configuration the sampler proposed); empty for a grid trial.</summary>
    [Id(26)]
    public ImmutableArray<NamedValue> SearchParameters { get; init; } = [];

    /// <summary>
    /// Set on a search's refit trial only: the <see cref="SearchNumber"/> of the best search trial whose
    /// configuration it trains again on all labelled data (no hold-out); null for every other trial.
    /// </summary>
    [Id(27)]
    public int? RefitOf { get; init; }

    /// <summary>True for a search's refit trial (see <see cref="RefitOf"/>).</summary>
    public bool IsRefit => RefitOf is not null;

    /// <summary>The grain key of the trial's run and topology grains (unique across sweeps).</summary>
    public string GrainKey => $"{SweepId}/{Id}";
}
