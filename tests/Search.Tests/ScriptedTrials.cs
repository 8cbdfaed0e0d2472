namespace Orchestrator.Search.Tests;

/// <summary>Trial histories written out by hand for the scheduler and sampler tests.</summary>
internal static class ScriptedTrials
{
    private static readonly Configuration NoParameters = new([]);

    /// <summary>A trial that reported <paramref name="values"/> at epochs 1, 2, 3, …</summary>
    public static TrialRecord Reporting(int number, TrialState state, params double[] values) =>
        new(number, NoParameters, state, state == TrialState.Completed ? values[^1] : null)
        {
            Reports = [.. values.Select((v, i) => new ObjectiveReport(i + 1, v))],
        };

    /// <summary>A running trial that reported <paramref name="values"/> at epochs 1, 2, 3, …</summary>
    public static TrialRecord Running(int number, params double[] values) => Reporting(number, TrialState.Running, values);

    /// <summary>A study of <paramref name="trials"/>.</summary>
    public static StudyHistory Study(ObjectiveDirection direction, params TrialRecord[] trials) => new(direction, trials);
}
