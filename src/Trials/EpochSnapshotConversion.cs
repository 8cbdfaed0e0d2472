using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Orchestrator.Contracts;
using Orchestrator.Training;

namespace Orchestrator.Trials;

/// <summary>Turns the training engine's types into wire messages (the connectome as raw bytes).</summary>
public static class EpochSnapshotConversion
{
    /// <summary>The wire form of <paramref name="snapshot"/>.</summary>
    public static EpochSnapshotMessage ToMessage(this EpochSnapshot snapshot, IReadOnlyList<WeightMatrix>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new EpochSnapshotMessage
        {
            Epoch = snapshot.Epoch,
            TrainingLoss = snapshot.TrainingLoss,
            ValidationLoss = snapshot.ValidationLoss,
            ValidationAccuracy = snapshot.ValidationAccuracy,
            TrainSeconds = snapshot.Timings.Train.TotalSeconds,
            ProbeSeconds = snapshot.Timings.Probe.TotalSeconds,
            ConnectomeSeconds = snapshot.Timings.Connectome.TotalSeconds,
            ValidationSeconds = snapshot.Timings.Validation.TotalSeconds,
            ConnectomeSize = snapshot.ConnectomeSize,
            Connectome = MemoryMarshal.AsBytes(snapshot.ConnectomeUpperTriangle.AsSpan()).ToArray(),
            Weights = weights is null ? [] : weights.ToLayerWeights(),
        };
    }

    /// <summary>The wire form of weight matrices read for neural persistence.</summary>
    public static ImmutableArray<LayerWeights> ToLayerWeights(this IReadOnlyList<WeightMatrix> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return [.. weights.Select(w => new LayerWeights
        {
            Name = w.Layer,
            Inputs = w.Columns,
            Outputs = w.Rows,
            Values = MemoryMarshal.AsBytes(w.Values.AsSpan()).ToArray(),
        })];
    }

    /// <summary>The training settings of a trial.</summary>
    public static TrainingSettings ToTrainingSettings(this TrialSpec spec, string? dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new TrainingSettings(
            spec.Dataset,
            spec.Fraction,
            spec.Model,
            spec.LearningRate,
            spec.Momentum,
            spec.BatchSize,
            spec.WeightDecay,
            spec.Seed,
            spec.ProbeSize,
            spec.ValidationFraction,
            spec.Device)
        {
            WidthMultiplier = spec.Width,
            DataDirectory = dataDirectory,
            Optimizer = spec.Optimizer,
            Nesterov = spec.Nesterov,
            Beta1 = spec.Beta1,
            Beta2 = spec.Beta2,
            Schedule = Data.Optimization.LearningRateSchedule.Parse(spec.Schedule),
            ScheduleHorizon = spec.MaxEpochs,
        };
    }
}
