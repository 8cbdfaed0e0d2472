using Orchestrator.Contracts;
using Orchestrator.Search;
using TrialState = Orchestrator.Contracts.TrialState;

namespace Orchestrator.Sweeps.Tests;

/// <summary><c>search.budget</c>: read, refused at its path when bad, and spent by the search's own epochs or wall time.</summary>
public sealed class SearchBudgetTests
{
    private static SweepFileResult Parse(string budget) => SweepFile.Parse($$$"""
        { "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"], "maxEpochs": 4,
          "space": {"lr": {"uniform": [0.01, 0.1]}}, "search": {"sampler": "random", "trials": 10, "budget": {{{budget}}}},
          "objective": {"metric": "validation_accuracy"}, "refit": {"stopping": "none"} }
        """);

    private static IReadOnlyList<string> ErrorsOf(string budget) => [.. Parse(budget).Errors.Select(e => e.ToString())];

    [Fact]
    public void An_epoch_or_time_budget_or_both_is_carried_in_the_search()
    {
        Assert.Equal((12, (double?)null), (Parse("""{"epochs": 12}""").Definition!.Search!.BudgetEpochs, Parse("""{"epochs": 12}""").Definition!.Search!.BudgetSeconds));
        var both = Parse("""{"epochs": 12, "seconds": 90.5}""").Definition!.Search!;
        Assert.Equal((12, 90.5), (both.BudgetEpochs!.Value, both.BudgetSeconds!.Value));
    }

    [Theory]
    [InlineData("""{"epochs": 0}""", "search.budget.epochs: must be a whole number of epochs in [1, 2147483647] (every trial's epochs summed); got 0")]
    [InlineData("""{"epochs": 2.5}""", "search.budget.epochs: must be a whole number of epochs in [1, 2147483647] (every trial's epochs summed); got 2.5")]
    [InlineData("""{"epochs": "ten"}""", "search.budget.epochs: must be a whole number of epochs in [1, 2147483647] (every trial's epochs summed); got \"ten\"")]
    [InlineData("""{"seconds": -1}""", "search.budget.seconds: must be a number of seconds in (0, 1e9] (wall time from submission); got -1")]
    [InlineData("""{"seconds": 0}""", "search.budget.seconds: must be a number of seconds in (0, 1e9] (wall time from submission); got 0")]
    [InlineData("""{}""", "search.budget: must be an object {\"epochs\": 200} or {\"seconds\": 3600} (or both): what the whole search may spend")]
    [InlineData("""200""", "search.budget: must be an object {\"epochs\": 200} or {\"seconds\": 3600} (or both): what the whole search may spend")]
    public void A_bad_budget_is_refused_at_its_path(string budget, string expected)
    {
        Assert.Contains(expected, ErrorsOf(budget));
    }

    [Fact]
    public void An_unknown_budget_is_refused_naming_the_allowed_ones()
    {
        Assert.Contains(ErrorsOf("""{"trials": 3}"""), e => e.StartsWith("search.budget.trials: ", StringComparison.Ordinal) && e.Contains("epochs, seconds", StringComparison.Ordinal));
    }

    [Fact]
    public void A_raw_client_cannot_submit_a_budget_the_file_would_refuse()
    {
        var definition = Parse("""{"epochs": 12}""").Definition!;

        Assert.Contains(SweepDefinitionCheck.Problems(definition with { Search = definition.Search! with { BudgetEpochs = 0 } }), e => e.Path == "search.budget.epochs");
        Assert.Contains(SweepDefinitionCheck.Problems(definition with { Search = definition.Search! with { BudgetSeconds = double.NaN } }), e => e.Path == "search.budget.seconds");
    }

    [Fact]
    public void The_epoch_budget_counts_every_search_trials_epochs_running_ones_included_but_not_the_refits()
    {
        var definition = Parse("""{"epochs": 8}""").Definition!;
        var search = definition.Search!;
        var study = new SearchStudy(definition);
        TrialStatus Trial(int number, TrialState state, int epochs) => new()
        {
            Spec = SearchTrialSpecs.Spec(definition, number, new Configuration([KeyValuePair.Create("lr", ParameterValue.Of(0.05))])),
            State = state,
            EpochsRun = epochs,
        };

        var spentSoFar = new[] { Trial(0, TrialState.Completed, 4), Trial(1, TrialState.Running, 3) };
        Assert.Null(SearchBudget.Spent(search, spentSoFar, TimeSpan.Zero));
        Assert.False(study.IsOver(spentSoFar, TimeSpan.Zero));

        var spent = new[] { Trial(0, TrialState.Completed, 4), Trial(1, TrialState.Running, 4) };
        Assert.Equal("the epoch budget is spent (8 of 8 epochs trained)", SearchBudget.Spent(search, spent, TimeSpan.Zero));
        Assert.True(study.IsOver(spent, TimeSpan.Zero));

        var refit = new TrialStatus { Spec = SearchTrialSpecs.Refit(definition, spentSoFar[0].Spec), State = TrialState.Completed, EpochsRun = 4 };
        Assert.Equal(7, SearchBudget.EpochsSpent([.. spentSoFar, refit]));
    }

    [Fact]
    public void The_time_budget_is_wall_time_since_submission()
    {
        var search = Parse("""{"seconds": 60}""").Definition!.Search!;

        Assert.Null(SearchBudget.Spent(search, [], TimeSpan.FromSeconds(59.9)));
        Assert.Equal("the time budget is spent (60 of 60 s since submission)", SearchBudget.Spent(search, [], TimeSpan.FromSeconds(60)));
    }
}
