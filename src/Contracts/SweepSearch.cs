using System.Collections.Immutable;

namespace Orchestrator.Contracts;

/// <summary>
/// An adaptive search instead of a grid: a sampler proposes <see cref="Trials"/> configurations from the
/// <see cref="Space"/>, one whenever a slot frees, each given every earlier trial.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record SweepSearch
{
    /// <summary>The sweep file's <c>space</c> block as compact JSON (read by <c>Orchestrator.Search.SearchSpaceReader</c>).</summary>
    [Id(0)]
    public required string Space { get; init; }

    /// <summary>The sampler's name (<c>grid</c>, <c>random</c>, <c>tpe</c>).</summary>
    [Id(1)]
    public string Sampler { get; init; } = "tpe";

    /// <summary>The sampler's parameters by name, as text (e.g. <c>startUpTrials</c> = <c>5</c>).</summary>
    [Id(2)]
    public ImmutableArray<NamedValue> SamplerParameters { get; init; } = [];

    /// <summary>How many configurations the search proposes in all.</summary>
    [Id(3)]
    public int Trials { get; init; } = 1;

    /// <summary>The search's seed: with the trial history, it decides every proposal.</summary>
    [Id(4)]
    public int Seed { get; init; }

    /// <summary>
    /// Epochs the whole search may train (every trial's epochs summed); once spent no new trial is proposed, and
    /// trials already running finish and count. Null for no epoch budget.
    /// </summary>
    [Id(5)]
    public int? BudgetEpochs { get; init; }

    /// <summary>
    /// Wall seconds from submission after which no new trial is proposed (trials already running finish, as
    /// with Optuna's <c>timeout</c>). Null for no time budget.
    /// </summary>
    [Id(6)]
    public double? BudgetSeconds { get; init; }
}
