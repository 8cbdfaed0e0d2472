using Orchestrator.Search.Samplers;

namespace Orchestrator.Search.Tests;

public sealed class TpeSamplerTests
{
    private const int Seeds = 40;
    private const int Trials = 40;

    [Theory]
    [InlineData(ObjectiveDirection.Minimize)]
    [InlineData(ObjectiveDirection.Maximize)]
    public void Finds_a_better_configuration_than_random_search_averaged_over_many_seeds(ObjectiveDirection direction)
    {
        var tpeBest = new List<double>();
        var randomBest = new List<double>();
        for (var seed = 0; seed < Seeds; seed++)
        {
            tpeBest.Add(SyntheticObjective.Search(new TpeSampler(), seed, Trials, direction).Min(r => r.Regret));
            randomBest.Add(SyntheticObjective.Search(new RandomSampler(), seed, Trials, direction).Min(r => r.Regret));
        }

        var tpeMean = tpeBest.Average();
        var randomMean = randomBest.Average();
        var tpeWins = tpeBest.Zip(randomBest).Count(p => p.First < p.Second);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{direction}: best regret after {Trials} trials, mean over {Seeds} seeds: tpe {tpeMean:F4}, random {randomMean:F4}; tpe better on {tpeWins}/{Seeds} seeds");

        // TPE's first 10 trials are random ones, so its lead comes from the 30 trials after start-up alone.
        Assert.True(tpeMean < 0.75 * randomMean, $"tpe {tpeMean:F4} vs random {randomMean:F4}");
        Assert.True(tpeWins > Seeds * 2 / 3, $"tpe better on only {tpeWins}/{Seeds} seeds");
    }

    [Fact]
    public void Maximizing_a_negated_objective_searches_exactly_as_minimizing_it()
    {
        var minimizing = SyntheticObjective.Search(new TpeSampler(), seed: 8, trials: 30, ObjectiveDirection.Minimize);
        var maximizing = SyntheticObjective.Search(new TpeSampler(), seed: 8, trials: 30, ObjectiveDirection.Maximize);

        Assert.Equal(minimizing, maximizing);
    }

    [Fact]
    public void The_start_up_trials_are_exactly_the_random_samplers()
    {
        var tpe = SyntheticObjective.Search(new TpeSampler(), seed: 5, trials: TpeSampler.DefaultStartUpTrials + 1);
        var random = SyntheticObjective.Search(new RandomSampler(), seed: 5, trials: TpeSampler.DefaultStartUpTrials + 1);

        Assert.Equal(random.Take(TpeSampler.DefaultStartUpTrials), tpe.Take(TpeSampler.DefaultStartUpTrials));
        Assert.NotEqual(random[^1].Configuration, tpe[^1].Configuration);
    }

    [Fact]
    public void Conditional_momentum_is_proposed_exactly_when_the_optimizer_is_sgd()
    {
        var proposals = SyntheticObjective.Search(new TpeSampler(startUpTrials: 3), seed: 11, trials: 60);

        Assert.All(proposals, p => Assert.Equal(p.Configuration["optimizer"] == ParameterValue.Of("sgd"), p.Configuration.Values.ContainsKey("momentum")));
        Assert.All(proposals, p => Assert.All(p.Configuration.Values, v => Assert.True(SearchSpaces.Mixed.Find(v.Key)!.Distribution.Contains(v.Value))));
    }

    [Fact]
    public void Running_trials_do_not_shape_the_proposal()
    {
        var finished = SyntheticObjective.Search(new RandomSampler(), seed: 3, trials: 12)
            .Select((r, i) => new TrialRecord(i, r.Configuration, TrialState.Completed, r.Regret))
            .ToList();
        var one = new RandomSampler().Propose(SearchSpaces.Mixed, 100, StudyHistory.Empty(ObjectiveDirection.Minimize));
        var other = new RandomSampler().Propose(SearchSpaces.Mixed, 200, StudyHistory.Empty(ObjectiveDirection.Minimize));
        Assert.NotEqual(one, other);

        var withOne = new StudyHistory(ObjectiveDirection.Minimize, [.. finished, new TrialRecord(12, one, TrialState.Running)]);
        var withOther = new StudyHistory(ObjectiveDirection.Minimize, [.. finished, new TrialRecord(12, other, TrialState.Running)]);

        Assert.Equal(new TpeSampler().Propose(SearchSpaces.Mixed, 9, withOne), new TpeSampler().Propose(SearchSpaces.Mixed, 9, withOther));
    }

    [Fact]
    public void Pruned_trials_rank_behind_completed_ones_whatever_their_last_value()
    {
        var configuration = new Configuration([new("x", ParameterValue.Of(1))]);
        var trials = new List<TrialRecord>();
        for (var i = 0; i < 20; i++)
        {
            trials.Add(new TrialRecord(i, configuration, TrialState.Completed, 0.5 + (i * 0.01)));
        }

        // A pruned trial whose last (epoch 2) accuracy beats every completed one is still no good example.
        trials.Add(ScriptedTrials.Reporting(20, TrialState.Pruned, 0.1, 0.99) with { Parameters = configuration });

        var (good, bad) = TpeObservations.Split(trials, new SearchParameter("x", new IntDistribution(0, 3)), TpeSampler.DefaultGamma, ObjectiveDirection.Maximize);

        // ⌈0.1 · 21⌉ = 3 good trials: the three best completed ones, in trial order.
        Assert.Equal([17, 18, 19], good.Select(t => t.Number));
        Assert.Contains(bad, t => t.Number == 20);
    }

    [Fact]
    public void Trials_whose_values_lie_outside_an_edited_space_are_left_out()
    {
        var finished = SyntheticObjective.Search(new RandomSampler(), seed: 4, trials: 12)
            .Select((r, i) => new TrialRecord(i, r.Configuration, TrialState.Completed, r.Regret))
            .ToList();
        // The space was narrowed after these trials: only sgd and adam remain, and at most 2 layers.
        var narrowed = new SearchSpace(SearchSpaces.Mixed.Parameters.Select(p => p.Name switch
        {
            "optimizer" => p with { Distribution = new ChoiceDistribution([ParameterValue.Of("sgd"), ParameterValue.Of("adam")]) },
            "layers" => p with { Distribution = new IntDistribution(1, 2) },
            _ => p,
        }));

        var proposal = new TpeSampler().Propose(narrowed, 1, new StudyHistory(ObjectiveDirection.Minimize, finished));

        Assert.All(proposal.Values, v => Assert.True(narrowed.Find(v.Key)!.Distribution.Contains(v.Value), $"{v.Key}={v.Value}"));
    }

    [Fact]
    public void Older_trials_weigh_less_once_there_are_more_than_25()
    {
        Assert.Equal(Enumerable.Repeat(1.0, 25), TpeObservations.Weights(25));
        var weights = TpeObservations.Weights(30);

        Assert.Equal(30, weights.Length);
        Assert.Equal(1.0 / 30, weights[0], 12);
        Assert.Equal(Enumerable.Repeat(1.0, 25), weights[5..]);
        // The ramp rises linearly from 1/n to 1 over the five oldest trials.
        Assert.True(weights[..4].Zip(weights[1..5]).All(p => p.First < p.Second));
        Assert.Equal(1.0, weights[4], 12);
    }

    [Fact]
    public void Bad_parameters_are_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => SamplerCatalog.Default.Create("tpe", new Dictionary<string, string> { ["gamma"] = "1.5" }));
        Assert.Equal("tpe: gamma is 1.5; it must be in (0, 1).", error.Message);
        error = Assert.Throws<ArgumentException>(() => SamplerCatalog.Default.Create("tpe", new Dictionary<string, string> { ["candidates"] = "0" }));
        Assert.Equal("tpe: candidates is 0; it must be an integer ≥ 1.", error.Message);
    }
}
