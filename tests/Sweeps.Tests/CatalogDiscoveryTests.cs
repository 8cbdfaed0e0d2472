using Orchestrator.Data;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Sweeps.Tests;

/// <summary>
/// "Adding a criterion (or dataset) is adding one file", end to end on the sweep side: types defined only in
/// this test assembly are accepted by sweep files once their catalogs discover them, with no other change.
/// </summary>
public sealed class CatalogDiscoveryTests
{
    private static readonly SweepCatalogs WithTestTypes = new()
    {
        Criteria = StoppingCriterionCatalog.Discover(typeof(IStoppingCriterion).Assembly, typeof(HoldOutTestCriterion).Assembly),
        Datasets = DatasetCatalog.Discover(typeof(DatasetDescriptor).Assembly, typeof(TestOnlyDataset).Assembly),
    };

    private const string TestSweep = """
        { "name": "discovered", "dataset": "test-only-dataset", "model": "mlp-small", "grid": { "seed": [0, 1] },
          "stopping": [ { "method": "test-holdout", "parameters": { "patience": 2 } }, "test-unlabelled", "top" ],
          "validationFraction": 0.3 }
        """;

    [Fact]
    public void A_sweep_naming_a_test_defined_criterion_and_dataset_is_accepted_and_expands_into_trials()
    {
        var result = SweepFile.Parse(TestSweep, catalogs: WithTestTypes);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var trials = TrialExpansion.Expand(result.Definition!, WithTestTypes.Criteria);

        Assert.Equal(2 * 3, trials.Count);
        Assert.Equal(["test-holdout", "test-unlabelled", "top"], trials.Select(t => t.Stopping.Name).Distinct().Order(StringComparer.Ordinal));
        Assert.All(trials, t => Assert.Equal("test-only-dataset", t.Dataset));
    }

    [Fact]
    public void A_hold_out_is_given_exactly_when_the_criterion_declares_the_validation_loss()
    {
        var trials = TrialExpansion.Expand(SweepFile.Parse(TestSweep, catalogs: WithTestTypes).Definition!, WithTestTypes.Criteria);
        Assert.All(trials, t =>
        {
            var declares = WithTestTypes.Criteria.Find(t.Stopping.Name).Signals.HasFlag(CriterionSignals.ValidationLoss);
            Assert.Equal(declares ? 0.3 : 0, t.ValidationFraction);
        });
        Assert.All(trials.Where(t => t.Stopping.Name == "test-holdout"), t => Assert.Equal(0.3, t.ValidationFraction));
        Assert.All(trials.Where(t => t.Stopping.Name != "test-holdout"), t => Assert.Equal(0, t.ValidationFraction));
    }

    [Fact]
    public void Without_discovering_the_test_assembly_the_same_file_names_the_unknown_names()
    {
        var result = SweepFile.Parse(TestSweep);
        Assert.False(result.IsValid);
        Assert.Equal(["dataset", "stopping[0].method", "stopping[1]"], result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Contains("unknown value 'test-only-dataset'", result.Errors.Single(e => e.Path == "dataset").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_error_for_an_unknown_method_lists_the_criteria_of_the_given_catalog()
    {
        var result = SweepFile.Parse("""{ "dataset": "synthetic", "model": "mlp-small", "stopping": ["early"] }""", catalogs: WithTestTypes);
        var error = Assert.Single(result.Errors);
        Assert.Equal("stopping[0]", error.Path);
        Assert.Contains("allowed: " + string.Join(", ", WithTestTypes.Criteria.Names), error.Message, StringComparison.Ordinal);
        Assert.Contains("test-holdout", error.Message, StringComparison.Ordinal);
    }
}
