using Orchestrator.Contracts;
using Orchestrator.Search;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Sweeps.Tests;

/// <summary>The <c>refit</c> block: what it needs, what it refuses, and the trial it becomes.</summary>
public sealed class RefitFieldTests
{
    private const string Search = """
        "space": {"lr": {"loguniform": [0.001, 0.3]}},
        "search": {"sampler": "random", "trials": 4},
        "objective": {"metric": "validation_accuracy"}
        """;

    private static string Sweep(string blocks) =>
        $$"""{ "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"], "maxEpochs": 30, {{blocks}} }""";

    private static IReadOnlyList<string> ErrorsOf(string blocks) =>
        [.. SweepFile.Parse(Sweep(blocks)).Errors.Select(e => e.ToString())];

    [Fact]
    public void A_refit_is_carried_with_its_criterion_as_a_name_or_an_object()
    {
        var byObject = SweepFile.Parse(Sweep(Search + """, "refit": {"stopping": {"method": "top", "parameters": {"patience": 2}}}""")).Definition;
        var byName = SweepFile.Parse(Sweep(Search + """, "refit": {"stopping": "top"}""")).Definition;

        Assert.Equal("top(patience=2)", byObject!.Refit!.Stopping.Describe());
        Assert.Equal("top", byName!.Refit!.Stopping.Describe());
        Assert.Empty(SweepDefinitionCheck.Problems(byObject));
    }

    [Fact]
    public void A_refit_without_a_search_is_refused()
    {
        Assert.Contains(ErrorsOf("""
            "refit": {"stopping": "top"}
            """), e => e.StartsWith("refit: needs a search (a space and a search block)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_refit_without_an_objective_is_refused()
    {
        Assert.Contains(ErrorsOf("""
            "space": {"lr": {"loguniform": [0.001, 0.3]}}, "search": {"sampler": "random", "trials": 4}, "refit": {"stopping": "top"}
            """), e => e.StartsWith("refit: needs an objective to choose the configuration it refits", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_criterion_that_needs_a_hold_out_is_refused_as_the_refits_and_every_other_is_accepted()
    {
        var catalog = StoppingCriterionCatalog.Default;
        Assert.Contains(catalog.Names, n => catalog.Find(n).NeedsHoldOut);
        foreach (var name in catalog.Names)
        {
            var errors = ErrorsOf(Search + $$$""", "refit": {"stopping": {"method": "{{{name}}}"}}""");
            if (catalog.Find(name).NeedsHoldOut)
            {
                Assert.Contains(errors, e => e.StartsWith($"refit.stopping.method: '{name}' reads the validation hold-out, which the refit gives back to training", StringComparison.Ordinal));
            }
            else
            {
                Assert.Empty(errors);
            }
        }
    }

    [Fact]
    public void A_bad_refit_block_is_refused_at_its_path()
    {
        Assert.Contains("refit: must be an object {\"stopping\": {\"method\": \"top\"}}", ErrorsOf(Search + """, "refit": "top" """));
        Assert.Contains(ErrorsOf(Search + """, "refit": {}"""), e => e.StartsWith("refit.stopping: is required", StringComparison.Ordinal));
        Assert.Contains(ErrorsOf(Search + """, "refit": {"stopping": ["top"]}"""), e => e.StartsWith("refit.stopping: must be one method", StringComparison.Ordinal));
        Assert.Contains(ErrorsOf(Search + """, "refit": {"stopping": "early"}"""), e => e.StartsWith("refit.stopping: unknown method 'early'", StringComparison.Ordinal));
        Assert.Contains(ErrorsOf(Search + """, "refit": {"stopping": "top", "epochs": 3}"""), e => e.StartsWith("refit.epochs:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_raw_client_cannot_submit_a_refit_the_file_would_refuse()
    {
        var definition = SweepFile.Parse(Sweep(Search + """, "refit": {"stopping": "top"}""")).Definition!;

        Assert.Contains(SweepDefinitionCheck.Problems(definition with { Objective = null }), e => e.Path == "refit");
        Assert.Contains(SweepDefinitionCheck.Problems(definition with { Refit = new SweepRefit { Stopping = new StoppingMethod { Name = "vl" } } }), e => e.Path == "refit");
    }

    [Fact]
    public void A_refit_criterion_that_cannot_stop_within_max_epochs_is_warned_about_naming_its_earliest_stop()
    {
        var definition = SweepFile.Parse(Sweep(Search + """, "refit": {"stopping": "top"}""").Replace("\"maxEpochs\": 30", "\"maxEpochs\": 10", StringComparison.Ordinal)).Definition!;
        var earliest = SweepWarnings.EarliestStop(definition.Refit!.Stopping);

        var warning = Assert.Single(SweepWarnings.Of(definition), w => w.Path == "refit.stopping");
        Assert.Contains($"cannot stop before epoch {earliest}", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_refit_trial_is_the_best_configuration_with_no_hold_out_and_its_own_criterion()
    {
        var definition = SweepFile.Parse(Sweep(Search + """, "refit": {"stopping": "top"}""")).Definition!;
        var best = SearchTrialSpecs.Spec(definition, 2, new Configuration([KeyValuePair.Create("lr", ParameterValue.Of(0.05))]));

        var refit = SearchTrialSpecs.Refit(definition, best);

        Assert.True(best.ValidationFraction > 0);
        Assert.Equal(0, refit.ValidationFraction);
        Assert.Equal("top", refit.Stopping.Name);
        Assert.Equal((0.05, definition.MaxEpochs, 2), (refit.LearningRate, refit.MaxEpochs, refit.RefitOf!.Value));
        Assert.Null(refit.SearchNumber);
        Assert.Equal(best.SearchParameters, refit.SearchParameters);
        Assert.Equal(TrialId.Of(refit), refit.Id);
        Assert.NotEqual(best.Id, refit.Id);
        Assert.Contains("|refit-of=2", TrialId.CanonicalText(refit), StringComparison.Ordinal);
    }
}
