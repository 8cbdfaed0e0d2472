using Orchestrator.Topology.Stopping;
using Orchestrator.Training;

namespace Orchestrator.Trials.Tests;

/// <summary>Trials on the in-memory <c>synthetic</c> dataset: a few hundred milliseconds an epoch on a CPU.</summary>
internal static class SyntheticTrial
{
    /// <summary>A TOP that settles within a few synthetic epochs.</summary>
    public const string QuickTop = "top:window=2,warmUp=1,patience=2,relativeThreshold=0.5";

    public static TrainingSettings Settings(double learningRate = 0.05) =>
        new("synthetic", 1.0, "mlp-small", LearningRate: learningRate, Seed: 3, ProbeSize: 100);

    /// <summary>A local monitor over a fresh criterion of <paramref name="specification"/> from <paramref name="catalog"/>.</summary>
    public static LocalTrialMonitor Monitor(
        string specification, StoppingCriterionCatalog? catalog = null, string? resumeCheckpoint = null, string? checkpoint = null) =>
        Monitor(specification, catalog ?? StoppingCriterionCatalog.Default, resumeCheckpoint, checkpoint, out _);

    public static LocalTrialMonitor Monitor(
        string specification, StoppingCriterionCatalog catalog, string? resumeCheckpoint, string? checkpoint, out IStoppingCriterion criterion)
    {
        criterion = catalog.Parse(specification);
        return new LocalTrialMonitor(criterion, catalog.Find(criterion.Name).Signals, resumeCheckpoint, checkpoint);
    }

    /// <summary>A record without its wall times, which differ between any two runs.</summary>
    public static Contracts.EpochRecord Untimed(Contracts.EpochRecord record) => record with { Seconds = new() };
}
