using Orchestrator.Contracts;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Sweeps.Tests;

public sealed class TrialExpansionTests
{
    private static SweepDefinition Sweep(string json) => SweepFile.Parse(json).Definition ?? throw new InvalidOperationException(string.Join("; ", SweepFile.Parse(json).Errors));

    [Fact]
    public void A_sweep_expands_into_the_product_of_its_lists()
    {
        var sweep = Sweep("""
            { "name": "p", "dataset": "synthetic", "model": "mlp-small", "fractions": [0.1, 0.5],
              "grid": { "lr": [0.01, 0.1, 1], "seed": [0, 1] }, "stopping": ["top", "vl"] }
            """);
        var trials = TrialExpansion.Expand(sweep);
        var expected = sweep.Fractions.Length * sweep.Grid.LearningRates.Length * sweep.Grid.Seeds.Length * sweep.Stopping.Length;
        Assert.Equal(expected, trials.Count);
        Assert.Equal(expected, trials.Select(t => t.Id).Distinct().Count());
        Assert.All(trials, t => Assert.Equal("p", t.SweepId));
    }

    [Fact]
    public void Only_validation_loss_trials_hold_out_a_validation_split()
    {
        var sweep = Sweep("""{ "dataset": "synthetic", "model": "mlp-small", "stopping": ["top", "vl"], "validationFraction": 0.25 }""");
        var trials = TrialExpansion.Expand(sweep);
        Assert.Equal(0, trials.Single(t => t.Stopping.Name == "top").ValidationFraction);
        Assert.Equal(0.25, trials.Single(t => t.Stopping.Name == "vl").ValidationFraction);
    }

    [Fact]
    public void Every_criterion_reading_the_validation_loss_and_no_other_gets_a_hold_out()
    {
        var catalog = StoppingCriterionCatalog.Default;
        var methods = string.Join(", ", catalog.Names.Select(n => $"\"{n}\""));
        var trials = TrialExpansion.Expand(Sweep($$"""{ "dataset": "synthetic", "model": "mlp-small", "stopping": [{{methods}}], "validationFraction": 0.25 }"""));
        Assert.Equal(catalog.Names.Count(), trials.Count);
        Assert.All(trials, t => Assert.Equal(
            catalog.Find(t.Stopping.Name).Signals.HasFlag(CriterionSignals.ValidationLoss) ? 0.25 : 0,
            t.ValidationFraction));
        Assert.Contains(trials, t => t.ValidationFraction > 0);
        Assert.Contains(trials, t => t.ValidationFraction == 0);
    }

    [Fact]
    public void Trial_ids_are_stable_and_depend_only_on_the_parameters()
    {
        var a = TrialExpansion.Expand(Sweep("""{ "name": "a", "dataset": "synthetic", "model": "mlp-small", "grid": { "seed": [0, 1] }, "stopping": ["top"] }"""));
        var b = TrialExpansion.Expand(Sweep("""{ "name": "a", "dataset": "synthetic", "model": "mlp-small", "grid": { "seed": [1, 0, 2] }, "stopping": ["top"] }"""));
        Assert.Equal(a.Select(t => t.Id).Order(), b.Where(t => t.Seed < 2).Select(t => t.Id).Order());
        var seed0 = a.Single(t => t.Seed == 0);
        Assert.Equal(seed0.Id, TrialId.Of(seed0 with { Id = "ignored" }));
        Assert.NotEqual(seed0.Id, TrialId.Of(seed0 with { LearningRate = seed0.LearningRate * 2 }));
        Assert.NotEqual(seed0.Id, TrialId.Of(seed0 with { Stopping = new StoppingMethod { Name = "top", Parameters = seed0.Stopping.Parameters.Add("patience", "5") } }));
    }

    [Fact]
    public void A_trial_id_is_the_sha256_prefix_of_its_canonical_text()
    {
        var trial = TrialExpansion.Expand(Sweep("""{ "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"] }"""))[0];
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(TrialId.CanonicalText(trial)));
        Assert.Equal("t" + Convert.ToHexStringLower(hash)[..12], trial.Id);
    }

    [Theory]
    [InlineData("Fashion MNIST: TOP vs VL", "fashion-mnist--top-vs-vl")]
    [InlineData("quickstart", "quickstart")]
    [InlineData("  x  ", "x")]
    public void Sweep_ids_are_slugs_of_the_name(string name, string id) => Assert.Equal(id, TrialExpansion.SweepIdOf(name));
}
