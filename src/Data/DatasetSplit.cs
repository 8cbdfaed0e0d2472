namespace Orchestrator.Data;

/// <summary>A dataset's training and test parts, with a sentence saying where they came from.</summary>
/// <param name="Name">Dataset name as used on the command line.</param>
/// <param name="Train">The full training split (before any fraction is taken).</param>
/// <param name="Test">The test split.</param>
/// <param name="Source">Where the data came from and how it was split, for the output.</param>
public sealed record DatasetSplit(string Name, LabelledImages Train, LabelledImages Test, string Source);
