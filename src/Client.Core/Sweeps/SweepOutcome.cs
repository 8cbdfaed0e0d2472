using Orchestrator.Contracts;

namespace Orchestrator.Client.Sweeps;

/// <summary>Exit code and results of a watched sweep.</summary>
internal static class SweepOutcome
{
    public static async Task<int> FinishAsync(CliContext context, SweepMonitor monitor, SweepStatus status, bool cancelled, string resultsRoot)
    {
        var epochs = await monitor.EpochsAsync(status);
        var partial = cancelled || status.State == SweepState.Cancelled || !status.Trials.All(t => t.State.IsFinal());
        var directory = SweepResultsWriter.Write(resultsRoot, status, epochs, partial);
        await context.Stdout.WriteLineAsync($"{SweepView.Progress(status)}; results{(partial ? " (partial)" : string.Empty)} in {directory}");
        if (partial)
        {
            return ExitCodes.Cancelled;
        }

        return status.Trials.Any(t => t.State == TrialState.Failed) ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
