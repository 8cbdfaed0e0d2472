namespace Orchestrator.Training;

/// <summary>Loss and accuracy of the model on the test split.</summary>
public sealed record EvaluationResult(double Loss, double Accuracy, int Samples);
