using Orchestrator.Search.Samplers;
using Orchestrator.Search.Schedulers;

namespace Orchestrator.Search.Tests;

/// <summary>
/// A whole search without training: one trial at a time (concurrency 1), each "training" epoch by epoch on a
/// saturating accuracy curve whose ceiling falls with the configuration's distance from the optimum of
/// <see cref="SyntheticObjective"/>, plus seeded noise; after every epoch the scheduler (if any) decides.
/// What the coordinator's ask/tell loop will do, with the trial engine replaced by a formula.
/// </summary>
internal static class SimulatedSearch
{
    public sealed record Outcome(double BestFinalAccuracy, int EpochsTrained, int Pruned);

    public static Outcome Run(ISampler sampler, ITrialScheduler? scheduler, int seed, int trials, int maxEpochs)
    {
        var history = StudyHistory.Empty(ObjectiveDirection.Maximize);
        var noise = new Random(seed);
        var epochs = 0;
        for (var i = 0; i < trials; i++)
        {
            var number = history.NextTrialNumber;
            var configuration = sampler.Propose(SearchSpaces.Mixed, seed, history)!;
            var ceiling = 0.9 - (0.15 * Math.Min(SyntheticObjective.Regret(configuration), 5));
            var reports = new List<ObjectiveReport>();
            var state = TrialState.Completed;
            for (var epoch = 1; epoch <= maxEpochs; epoch++)
            {
                epochs++;
                var accuracy = (ceiling * (1 - Math.Exp(-epoch / 3.0))) + (0.01 * (noise.NextDouble() - 0.5));
                reports.Add(new ObjectiveReport(epoch, accuracy));
                var running = new TrialRecord(number, configuration, TrialState.Running) { Reports = [.. reports] };
                history = history.With(running);
                if (epoch < maxEpochs && scheduler?.Decide(history, running) is { ShouldPrune: true })
                {
                    state = TrialState.Pruned;
                    break;
                }
            }

            history = history.With(new TrialRecord(number, configuration, state, state == TrialState.Completed ? reports.Max(r => r.Value) : null)
            {
                Reports = reports,
            });
        }

        var completed = history.Trials.Where(t => t.State == TrialState.Completed).ToList();
        return new Outcome(completed.Max(t => t.Objective!.Value), epochs, history.Trials.Count(t => t.State == TrialState.Pruned));
    }
}
