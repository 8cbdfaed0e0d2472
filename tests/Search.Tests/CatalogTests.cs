using Orchestrator.Search.Samplers;
using Orchestrator.Search.Schedulers;

namespace Orchestrator.Search.Tests;

public sealed class CatalogTests
{
    [Fact]
    public void Discovers_every_sampler_and_scheduler_of_the_library_by_reflection()
    {
        Assert.Equal(["grid", "random", "tpe"], SamplerCatalog.Default.Names);
        Assert.Equal(["asha", "median"], SchedulerCatalog.Default.Names);
        foreach (var descriptor in SamplerCatalog.Default.Descriptors)
        {
            Assert.Equal(descriptor.Name, SamplerCatalog.Default.Create(descriptor.Name).Name);
        }

        foreach (var descriptor in SchedulerCatalog.Default.Descriptors)
        {
            Assert.Equal(descriptor.Name, SchedulerCatalog.Default.Create(descriptor.Name).Name);
        }
    }

    [Fact]
    public void Defaults_by_name_equal_the_constructor_defaults()
    {
        var tpe = Assert.IsType<TpeSampler>(SamplerCatalog.Default.Create("TPE"));
        Assert.Equal((10, 24, 0.1, 1.0), (tpe.StartUpTrials, tpe.Candidates, tpe.Gamma, tpe.PriorWeight));
        var asha = Assert.IsType<AshaScheduler>(SchedulerCatalog.Default.Create("asha", new Dictionary<string, string> { ["gracePeriod"] = "2" }));
        Assert.Equal((2, AshaScheduler.DefaultReductionFactor), (asha.GracePeriod, asha.ReductionFactor));
        var median = Assert.IsType<MedianScheduler>(SchedulerCatalog.Default.Create("median"));
        Assert.Equal((new MedianScheduler().WarmUpSteps, new MedianScheduler().MinTrials, new MedianScheduler().IntervalSteps), (median.WarmUpSteps, median.MinTrials, median.IntervalSteps));
        Assert.Equal((0, 5, 1), (median.WarmUpSteps, median.MinTrials, median.IntervalSteps)); // Optuna 3.1 MedianPruner's defaults
    }

    [Theory]
    [InlineData("asha", "reductionFactor", "1", "asha: reductionFactor is 1; it must be an integer ≥ 2.")]
    [InlineData("asha", "reductionFactor", "2.5", "asha: reductionFactor is '2.5'; it must be an integer.")]
    [InlineData("asha", "gracePeriod", "0", "asha: gracePeriod is 0; it must be an integer ≥ 1.")]
    [InlineData("asha", "patience", "3", "asha: unknown parameter 'patience'; allowed: gracePeriod, reductionFactor.")]
    [InlineData("median", "minTrials", "0", "median: minTrials is 0; it must be an integer ≥ 1.")]
    [InlineData("median", "warmUpSteps", "-1", "median: warmUpSteps is -1; it must be an integer ≥ 0.")]
    [InlineData("median", "intervalSteps", "0", "median: intervalSteps is 0; it must be an integer ≥ 1.")]
    public void Bad_scheduler_parameters_are_refused_naming_the_parameter_and_what_is_allowed(string scheduler, string parameter, string value, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => SchedulerCatalog.Default.Create(scheduler, new Dictionary<string, string> { [parameter] = value }));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Unknown_names_list_the_known_ones()
    {
        Assert.Equal("unknown sampler 'cmaes'; known samplers: grid, random, tpe.", Assert.Throws<ArgumentException>(() => SamplerCatalog.Default.Find("cmaes")).Message);
        Assert.Equal("unknown scheduler 'hyperband'; known schedulers: asha, median.", Assert.Throws<ArgumentException>(() => SchedulerCatalog.Default.Find("hyperband")).Message);
        Assert.Equal("random: unknown parameter 'seed'; it takes no parameters.", Assert.Throws<ArgumentException>(() => SamplerCatalog.Default.Create("random", new Dictionary<string, string> { ["seed"] = "1" })).Message);
    }

    [Fact]
    public void A_scheduler_in_another_assembly_is_discovered_with_no_registration()
    {
        var catalog = SchedulerCatalog.Discover(typeof(ITrialScheduler).Assembly, typeof(CatalogTests).Assembly);

        Assert.Equal(["asha", "median", "never"], catalog.Names);
        var scheduler = catalog.Create("never");
        var trial = ScriptedTrials.Running(0, 0.1, 0.1);
        Assert.False(scheduler.Decide(ScriptedTrials.Study(ObjectiveDirection.Maximize, trial), trial).ShouldPrune);
        Assert.DoesNotContain("never", SchedulerCatalog.Default.Names);
    }
}
