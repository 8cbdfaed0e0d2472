using System.Globalization;

namespace Orchestrator.Search.Samplers;

/// <summary>
/// Tree-structured Parzen estimator, as Optuna's default (univariate) TPESampler: until
/// <see cref="StartUpTrials"/> trials have finished it samples at random; after that, for each active
/// parameter in dependency order, it splits the trials that had the parameter into good (the best
/// ⌈γ·n⌉, at most 25) and bad, fits a Parzen density l(x) to the good and g(x) to the bad, draws
/// <see cref="Candidates"/> values from l and keeps the one with the largest l(x)/g(x). Log parameters are
/// modelled in log space; integers as reals on [low − ½, high + ½], rounded. Running trials are ignored (no
/// "constant liar"); pruned trials count with their last reported value, ranked behind completed ones.
/// </summary>
public sealed class TpeSampler : ISampler
{
    /// <summary>Optuna's default number of random start-up trials.</summary>
    public const int DefaultStartUpTrials = 10;

    /// <summary>Optuna's default number of candidates ranked per parameter.</summary>
    public const int DefaultCandidates = 24;

    /// <summary>Optuna's default good fraction γ.</summary>
    public const double DefaultGamma = 0.1;

    /// <summary>Optuna's default weight of the prior kernel.</summary>
    public const double DefaultPriorWeight = 1.0;

    /// <param name="startUpTrials">Completed or pruned trials before TPE takes over from random sampling, ≥ 0.</param>
    /// <param name="candidates">Candidates drawn from l(x) per parameter, ≥ 1.</param>
    /// <param name="gamma">Fraction of trials counted as good, in (0, 1) (the good group is capped at 25).</param>
    /// <param name="priorWeight">Weight of the prior in each density, &gt; 0.</param>
    public TpeSampler(
        int startUpTrials = DefaultStartUpTrials, int candidates = DefaultCandidates, double gamma = DefaultGamma, double priorWeight = DefaultPriorWeight)
    {
        StartUpTrials = ComponentCheck.AtLeast(startUpTrials, 0, "startUpTrials");
        Candidates = ComponentCheck.AtLeast(candidates, 1, "candidates");
        Gamma = ComponentCheck.InOpenUnitInterval(gamma, "gamma");
        PriorWeight = ComponentCheck.Positive(priorWeight, "priorWeight");
    }

    /// <inheritdoc />
    public string Name => "tpe";

    /// <summary>Finished trials sampled at random before the densities take over.</summary>
    public int StartUpTrials { get; }

    /// <summary>Candidates ranked per parameter.</summary>
    public int Candidates { get; }

    /// <summary>The good fraction γ.</summary>
    public double Gamma { get; }

    /// <summary>The prior's weight.</summary>
    public double PriorWeight { get; }

    /// <inheritdoc />
    public Configuration Propose(SearchSpace space, int seed, StudyHistory history)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(history);
        var random = SamplerRandom.For(seed, history);
        var usable = history.Trials.Where(TpeObservations.IsUsable).ToList();
        if (usable.Count < StartUpTrials)
        {
            return RandomSampler.Draw(space, random);
        }

        var values = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
        foreach (var parameter in space.SamplingOrder)
        {
            if (parameter.IsActiveIn(values))
            {
                var (good, bad) = TpeObservations.Split(usable, parameter, Gamma, history.Direction);
                values[parameter.Name] = SampleOne(parameter, good, bad, random);
            }
        }

        return new Configuration(values);
    }

    private ParameterValue SampleOne(SearchParameter parameter, IReadOnlyList<TrialRecord> good, IReadOnlyList<TrialRecord> bad, Random random)
    {
        if (parameter.Distribution is ChoiceDistribution choice)
        {
            var l = Categorical(choice, parameter.Name, good);
            var g = Categorical(choice, parameter.Name, bad);
            var best = Best(Enumerable.Range(0, Candidates).Select(_ => l.Sample(random)), i => l.LogDensity(i) - g.LogDensity(i));
            return choice.Options[best];
        }

        var scale = NumericScale.Of(parameter.Distribution);
        var lNumeric = Numeric(scale, parameter.Name, good);
        var gNumeric = Numeric(scale, parameter.Name, bad);
        var x = Best(Enumerable.Range(0, Candidates).Select(_ => lNumeric.Sample(random)), c => lNumeric.LogDensity(c) - gNumeric.LogDensity(c));
        return scale.FromSamplingSpace(x);
    }

    private CategoricalParzenEstimator Categorical(ChoiceDistribution choice, string name, IReadOnlyList<TrialRecord> trials) =>
        new([.. trials.Select(t => choice.IndexOf(t.Parameters[name]!))], TpeObservations.Weights(trials.Count), choice.Options.Count, PriorWeight);

    private NumericParzenEstimator Numeric(NumericScale scale, string name, IReadOnlyList<TrialRecord> trials) =>
        new([.. trials.Select(t => scale.ToSamplingSpace(t.Parameters[name]!))], TpeObservations.Weights(trials.Count), scale.Low, scale.High, PriorWeight);

    private static T Best<T>(IEnumerable<T> candidates, Func<T, double> score)
    {
        // The first of equal scores wins, so the choice depends only on the random stream.
        var best = default(T)!;
        var bestScore = double.NegativeInfinity;
        var any = false;
        foreach (var candidate in candidates)
        {
            var s = score(candidate);
            if (!any || s > bestScore)
            {
                (best, bestScore, any) = (candidate, s, true);
            }
        }

        return best;
    }

    /// <summary>Registers <c>tpe</c> with <see cref="SamplerCatalog"/>.</summary>
    public sealed class Descriptor : SamplerDescriptor
    {
        /// <inheritdoc />
        public override string Name => "tpe";

        /// <inheritdoc />
        public override string Description => "tree-structured Parzen estimator (Optuna's default sampler), random for the first trials";

        /// <inheritdoc />
        public override IReadOnlyList<ComponentParameter> Parameters { get; } =
        [
            new("startUpTrials", DefaultStartUpTrials.ToString(CultureInfo.InvariantCulture), "finished trials sampled at random before TPE takes over, integer ≥ 0"),
            new("candidates", DefaultCandidates.ToString(CultureInfo.InvariantCulture), "candidates drawn from the good density per parameter, integer ≥ 1"),
            new("gamma", DefaultGamma.ToString(CultureInfo.InvariantCulture), "fraction of finished trials counted as good, in (0, 1); at most 25 are"),
            new("priorWeight", DefaultPriorWeight.ToString(CultureInfo.InvariantCulture), "weight of the prior in each density, > 0"),
        ];

        /// <inheritdoc />
        public override ISampler Create(ComponentArguments arguments)
        {
            ArgumentNullException.ThrowIfNull(arguments);
            return arguments.Build(() => new TpeSampler(
                arguments.GetInt("startUpTrials"), arguments.GetInt("candidates"), arguments.GetDouble("gamma"), arguments.GetDouble("priorWeight")));
        }
    }
}
