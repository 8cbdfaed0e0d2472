namespace Orchestrator.Training;

/// <summary>Marker for the training engine assembly (TorchSharp datasets, models and trainer).</summary>
public static class TrainingAssembly;
