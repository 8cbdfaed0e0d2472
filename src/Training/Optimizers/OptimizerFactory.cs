using Orchestrator.Data.Optimization;
using static TorchSharp.torch;

namespace Orchestrator.Training.Optimizers;

/// <summary>Builds the optimizer a run's settings name.</summary>
internal static class OptimizerFactory
{
    /// <summary>The optimizer of <paramref name="settings"/> over <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">Unknown optimizer name.</exception>
    public static ParameterOptimizer Create(TrainingSettings settings, IEnumerable<Tensor> parameters) => settings.Optimizer switch
    {
        OptimizerKinds.Sgd => new SgdMomentum(parameters, settings.LearningRate, settings.Momentum, settings.WeightDecay, settings.Nesterov),
        OptimizerKinds.Adam => new AdamOptimizer(parameters, settings.LearningRate, settings.Beta1, settings.Beta2, settings.WeightDecay, decoupled: false),
        OptimizerKinds.AdamW => new AdamOptimizer(parameters, settings.LearningRate, settings.Beta1, settings.Beta2, settings.WeightDecay, decoupled: true),
        var other => throw new ArgumentException($"optimizer '{other}' is unknown (known: {string.Join(", ", OptimizerKinds.Names)}).", nameof(settings)),
    };
}
