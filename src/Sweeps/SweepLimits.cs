namespace Orchestrator.Sweeps;

/// <summary>
/// The ranges a sweep's settings must fall in: one source of truth for the sweep-file reader and for
/// <see cref="SweepDefinitionCheck"/>, which checks a definition or trial that reached a grain without a file.
/// </summary>
public static class SweepLimits
{
    /// <summary>
    /// The most trials one sweep may hold (grid product or <c>search.trials</c>): the coordinator keeps every trial's
    /// state, and 10⁶ trials took a silo to 3.75 GB before failing. A list longer than this is refused before its
    /// items are read, so a million-seed file is one error, found in linear time.
    /// </summary>
    public const int MaxTrials = 10_000;

    /// <summary>The largest learning rate: anything above diverges on every model here, so 1e300 is a typo, not a setting.</summary>
    public const double MaxLearningRate = 1e6;

    /// <summary>Longest sweep name, in characters (the name becomes a folder name).</summary>
    public const int MaxNameLength = 100;

    /// <summary>maxEpochs range.</summary>
    public static readonly IntRange MaxEpochs = new(1, Data.EpochLimit.Max);

    /// <summary>probeSize range.</summary>
    public static readonly IntRange ProbeSize = new(2, 1_000_000);

    /// <summary>concurrency range.</summary>
    public static readonly IntRange Concurrency = new(1, 10_000);

    /// <summary>checkpointEvery range.</summary>
    public static readonly IntRange CheckpointEvery = new(1, 10_000);

    /// <summary>gpuMemoryMiB range: a trial's declared peak GPU memory, 1 MiB to 1 TiB.</summary>
    public static readonly IntRange GpuMemoryMiB = new(1, 1_048_576);

    /// <summary>maxRestarts range.</summary>
    public static readonly IntRange MaxRestarts = new(0, 1000);

    /// <summary>grid.batchSize range.</summary>
    public static readonly IntRange BatchSize = new(1, 1_000_000);

    /// <summary>grid.seed range.</summary>
    public static readonly IntRange Seed = new(0, int.MaxValue);

    /// <summary>search.trials range.</summary>
    public static readonly IntRange SearchTrials = new(1, MaxTrials);

    /// <summary>search.budget.epochs range: epochs trained by the whole search.</summary>
    public static readonly IntRange BudgetEpochs = new(1, int.MaxValue);

    /// <summary>search.budget.seconds rule: wall seconds of the whole search (at most about 31 years).</summary>
    public static readonly NumberRule BudgetSeconds = new(v => v > 0 && v <= 1e9, "must be a number of seconds in (0, 1e9]");

    /// <summary>fractions rule.</summary>
    public static readonly NumberRule Fraction = new(v => v > 0 && v <= 1, "must be in (0, 1]");

    /// <summary>validationFraction rule.</summary>
    public static readonly NumberRule ValidationFraction = new(v => v > 0 && v < 1, "must be in (0, 1)");

    /// <summary>grid.lr rule.</summary>
    public static readonly NumberRule LearningRate = new(v => v > 0 && v <= MaxLearningRate, "must be in (0, 1e6]");

    /// <summary>grid.momentum rule.</summary>
    public static readonly NumberRule Momentum = new(v => v >= 0 && v < 1, "must be in [0, 1)");

    /// <summary>Adam's β₁ and β₂ (grid.betas, space.beta1/beta2) rule.</summary>
    public static readonly NumberRule Beta = new(v => v >= 0 && v < 1, "must be in [0, 1)");

    /// <summary>grid.weightDecay rule.</summary>
    public static readonly NumberRule WeightDecay = new(v => v >= 0, "must be >= 0");

    /// <summary>grid.width rule.</summary>
    public static readonly NumberRule Width = new(v => v > 0 && v <= 64, "must be in (0, 64]");
}
