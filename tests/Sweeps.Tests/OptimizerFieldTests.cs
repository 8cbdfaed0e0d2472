namespace Orchestrator.Sweeps.Tests;

public sealed class OptimizerFieldTests
{
    private static string Sweep(string extra, string grid = "\"lr\": [0.01], \"momentum\": [0.9, 0.5], \"seed\": [0]") => $$"""
        { "dataset": "synthetic", "model": "mlp-small", "stopping": ["top"], "grid": { {{grid}} } {{extra}} }
        """;

    [Fact]
    public void Optimizer_is_a_grid_dimension_and_adam_trials_ignore_momentum()
    {
        var result = SweepFile.Parse(Sweep(string.Empty, "\"optimizer\": [\"sgd\", \"adam\", \"adamw\"], \"momentum\": [0.9, 0.5], \"betas\": [[0.9, 0.999], [0.5, 0.9]]"));
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var trials = TrialExpansion.Expand(result.Definition!);

        // sgd: 2 momenta (betas collapse); adam and adamw: 2 beta pairs each (momenta collapse).
        Assert.Equal(6, trials.Count);
        Assert.All(trials.Where(t => t.Optimizer != "sgd"), t => Assert.Equal(0, t.Momentum));
        Assert.Equal([(0.5, 0.9), (0.9, 0.999)], trials.Where(t => t.Optimizer == "adam").Select(t => (t.Beta1, t.Beta2)).OrderBy(b => b.Item1));
        Assert.Equal(6, trials.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void A_sweep_without_optimizer_fields_keeps_its_trial_ids()
    {
        var plain = TrialExpansion.Expand(SweepFile.Parse(Sweep(string.Empty)).Definition!);
        var explicitSgd = TrialExpansion.Expand(SweepFile.Parse(Sweep(", \"optimizer\": \"sgd\", \"schedule\": \"constant\"")).Definition!);
        Assert.Equal(plain.Select(t => t.Id), explicitSgd.Select(t => t.Id));
        Assert.DoesNotContain("optimizer", TrialId.CanonicalText(plain[0]));
    }

    [Fact]
    public void Schedule_reaches_every_trial_in_its_canonical_text()
    {
        var result = SweepFile.Parse(Sweep(", \"schedule\": {\"name\": \"step\", \"stepSize\": 5, \"gamma\": 0.5}, \"nesterov\": true"));
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.All(TrialExpansion.Expand(result.Definition!), t =>
        {
            Assert.Equal("step(5,0.5)", t.Schedule);
            Assert.True(t.Nesterov);
        });
    }

    [Theory]
    [InlineData(", \"optimizer\": \"rmsprop\"", "optimizer", "sgd, adam, adamw")]
    [InlineData(", \"schedule\": \"linear\"", "schedule", "constant, cosine, step")]
    [InlineData(", \"schedule\": {\"name\": \"step\", \"gamma\": 2}", "schedule.gamma", "(0, 1]")]
    [InlineData(", \"schedule\": {\"name\": \"cosine\", \"stepSize\": 3}", "schedule", "belong to the step schedule")]
    [InlineData(", \"nesterov\": true, \"optimizer\": \"adam\"", "nesterov", "needs the sgd optimizer")]
    public void A_bad_optimizer_field_is_named_with_what_is_allowed(string extra, string path, string message)
    {
        var result = SweepFile.Parse(Sweep(extra));
        var error = Assert.Single(result.Errors, e => e.Path == path);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("\"optimizer\": [\"sgd\", \"sgd\"]", "grid.optimizer[1]", "duplicates")]
    [InlineData("\"betas\": [[0.9, 1.5]]", "grid.betas[0]", "[0, 1)")]
    [InlineData("\"betas\": [0.9, 0.999]", "grid.betas[0]", "pair")]
    public void A_bad_grid_optimizer_value_is_named_by_its_json_path(string grid, string path, string message)
    {
        var result = SweepFile.Parse(Sweep(string.Empty, grid));
        var error = Assert.Single(result.Errors, e => e.Path == path);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Naming_optimizers_twice_is_refused()
    {
        var result = SweepFile.Parse(Sweep(", \"optimizer\": \"adam\"", "\"optimizer\": [\"sgd\"]"));
        Assert.Contains(result.Errors, e => e.Path == "grid.optimizer" && e.Message.Contains("one place", StringComparison.Ordinal));
    }
}
