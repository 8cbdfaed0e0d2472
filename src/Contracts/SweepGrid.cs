using System.Collections.Immutable;

namespace Orchestrator.Contracts;

/// <summary>The hyperparameter grid of a sweep: every combination of these lists is a trial.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SweepGrid
{
    /// <summary>Base learning rates (each &gt; 0).</summary>
    [Id(0)]
    public ImmutableArray<double> LearningRates { get; init; } = [0.01];

    /// <summary>SGD momenta (Adam trials ignore them) (each in [0, 1)).</summary>
    [Id(1)]
    public ImmutableArray<double> Momenta { get; init; } = [0.9];

    /// <summary>Mini-batch sizes (each ≥ 1).</summary>
    [Id(2)]
    public ImmutableArray<int> BatchSizes { get; init; } = [50];

    /// <summary>L2 weight decays (each ≥ 0).</summary>
    [Id(3)]
    public ImmutableArray<double> WeightDecays { get; init; } = [0.0];

    /// <summary>Model width multipliers (each &gt; 0; 1 is the paper's network).</summary>
    [Id(4)]
    public ImmutableArray<double> Widths { get; init; } = [1.0];

    /// <summary>Seeds (each ≥ 0) for data subset, initialisation and shuffling.</summary>
    [Id(5)]
    public ImmutableArray<int> Seeds { get; init; } = [0];

    /// <summary>Optimizers (<c>sgd</c>, <c>adam</c>, <c>adamw</c>).</summary>
    [Id(6)]
    public ImmutableArray<string> Optimizers { get; init; } = ["sgd"];

    /// <summary>Adam's (β₁, β₂) pairs; SGD trials ignore them.</summary>
    [Id(7)]
    public ImmutableArray<AdamBetas> Betas { get; init; } = [new(0.9, 0.999)];

    /// <summary>Models as a dimension (canonical texts, see <see cref="TrialSpec.Model"/>); empty: the sweep's one model.</summary>
    [Id(8)]
    public ImmutableArray<string> Models { get; init; } = [];
}
