namespace Orchestrator.Training;

/// <summary>Wall time of one epoch, split by phase.</summary>
/// <param name="Train">Forward/backward/optimiser steps over the training set.</param>
/// <param name="Probe">Forward pass of the probe set capturing hidden activations.</param>
/// <param name="Connectome">Correlation matrix on the device and its copy to the host.</param>
/// <param name="Validation">Validation pass (zero when there is no validation split).</param>
public sealed record EpochTimings(TimeSpan Train, TimeSpan Probe, TimeSpan Connectome, TimeSpan Validation);
