namespace Orchestrator.Contracts;

/// <summary>Questions about <see cref="TrialState"/> values.</summary>
public static class TrialStateExtensions
{
    /// <summary>True for states a trial never leaves.</summary>
    public static bool IsFinal(this TrialState state) => state is not (TrialState.Pending or TrialState.Running);
}
