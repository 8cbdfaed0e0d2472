namespace Orchestrator.Training;

/// <summary>
/// What one finished epoch hands to the topology side: losses, timings and the functional
/// connectome as the strict upper triangle (row by row, float32) of the n × n matrix W.
/// </summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainingLoss">Mean training loss over the epoch (NaN/∞ when diverged).</param>
/// <param name="ValidationLoss">Validation loss when a validation split exists.</param>
/// <param name="ValidationAccuracy">Validation accuracy when a validation split exists.</param>
/// <param name="Timings">Wall time by phase.</param>
/// <param name="ConnectomeSize">n, the number of hidden neurons in the connectome.</param>
/// <param name="ConnectomeUpperTriangle">The n(n−1)/2 upper-triangle entries of W.</param>
public sealed record EpochSnapshot(
    int Epoch,
    double TrainingLoss,
    double? ValidationLoss,
    double? ValidationAccuracy,
    EpochTimings Timings,
    int ConnectomeSize,
    float[] ConnectomeUpperTriangle)
{
    /// <summary>The probe's activations when the connectome is left to the caller (<see cref="EpochProbe.Activations"/>); the caller disposes them.</summary>
    public ProbeActivations? Activations { get; init; }
}
