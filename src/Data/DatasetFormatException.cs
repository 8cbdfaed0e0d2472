namespace Orchestrator.Data;

/// <summary>A dataset file that is missing, truncated or not in the expected format; the message names the file and the problem.</summary>
public sealed class DatasetFormatException(string message, Exception? inner = null) : Exception(message, inner);
