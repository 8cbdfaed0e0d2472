using Orchestrator.Search.Samplers;
using Orchestrator.Search.Schedulers;

namespace Orchestrator.Search.Tests;

public sealed class SamplerWithSchedulerTests
{
    private const int Seeds = 12;
    private const int Trials = 30;
    private const int MaxEpochs = 27;

    // ASHA (η = 3) keeps a third at each rung; the median rule lets every trial above the median run to the end,
    // so it cannot save more than about half. Measured: 30 % and 66 % of the epochs (README).
    [Theory]
    [InlineData("asha", 0.45)]
    [InlineData("median", 0.8)]
    public void Pruning_saves_epochs_and_tpe_still_finds_a_configuration_as_good(string schedulerName, double maxEpochShare)
    {
        double bestWithout = 0, bestWith = 0;
        int epochsWithout = 0, epochsWith = 0, pruned = 0;
        for (var seed = 0; seed < Seeds; seed++)
        {
            var without = SimulatedSearch.Run(new TpeSampler(), null, seed, Trials, MaxEpochs);
            var with = SimulatedSearch.Run(new TpeSampler(), SchedulerCatalog.Default.Create(schedulerName), seed, Trials, MaxEpochs);
            (bestWithout, bestWith) = (bestWithout + without.BestFinalAccuracy, bestWith + with.BestFinalAccuracy);
            (epochsWithout, epochsWith, pruned) = (epochsWithout + without.EpochsTrained, epochsWith + with.EpochsTrained, pruned + with.Pruned);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"tpe + {schedulerName} over {Seeds} seeds × {Trials} trials × ≤ {MaxEpochs} epochs: mean best accuracy {bestWith / Seeds:F4} vs {bestWithout / Seeds:F4} without pruning; epochs {epochsWith} vs {epochsWithout} ({(double)epochsWith / epochsWithout:P0}); {pruned} trials pruned");
        Assert.Equal(Seeds * Trials * MaxEpochs, epochsWithout);
        Assert.True(epochsWith < maxEpochShare * epochsWithout, $"{epochsWith} epochs with {schedulerName} vs {epochsWithout}");
        Assert.True(bestWith / Seeds > (bestWithout / Seeds) - 0.02, $"best {bestWith / Seeds:F4} with {schedulerName} vs {bestWithout / Seeds:F4}");
    }
}
