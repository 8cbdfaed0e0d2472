namespace Orchestrator.Training;

/// <summary>A checkpoint that cannot be used: corrupt, truncated, from another version, or for different settings.</summary>
public sealed class CheckpointException(string message, Exception? inner = null) : Exception(message, inner);
