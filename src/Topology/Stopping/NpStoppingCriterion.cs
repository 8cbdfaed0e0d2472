using System.Globalization;

namespace Orchestrator.Topology.Stopping;

/// <summary>
/// NP: the stopping rule of Rieck et al. (ICLR 2019) on the normalised neural persistence of the weights
/// (<see cref="EpochObservation.NeuralPersistence"/>), which grows while training still shapes the network.
/// Keeps the best value P: a value above P + Δmin becomes the new P and resets the counter; any other
/// value increments it; the run stops when the counter reaches the patience. Epochs up to the burn-in are
/// ignored; a missing value is ignored; a NaN/±∞ value stops the run (it diverged).
/// </summary>
public sealed class NpStoppingCriterion : IStoppingCriterion
{
    /// <summary>Default patience in epochs.</summary>
    public const int DefaultPatience = 5;

    private double _best = double.NaN;
    private int _lastEpoch;

    /// <param name="patience">Evaluated epochs without a rise above P + Δmin before stopping, ≥ 1.</param>
    /// <param name="minDelta">Δmin, the smallest rise that counts, ≥ 0.</param>
    /// <param name="burnIn">Epochs 1 … burnIn are ignored, ≥ 0.</param>
    /// <param name="maxEpochs">Hard limit on epochs, ≥ 1.</param>
    public NpStoppingCriterion(int patience = DefaultPatience, double minDelta = 0, int burnIn = 0, int maxEpochs = PlateauRuleOptions.DefaultMaxEpochs)
    {
        Patience = ParameterCheck.AtLeast(patience, 1, "patience");
        MinDelta = ParameterCheck.NonNegative(minDelta, "minDelta");
        BurnIn = ParameterCheck.AtLeast(burnIn, 0, "burnIn");
        MaxEpochs = ParameterCheck.AtLeast(maxEpochs, 1, "maxEpochs");
    }

    /// <inheritdoc />
    public string Name => "np";

    /// <summary>The patience.</summary>
    public int Patience { get; }

    /// <summary>Δmin.</summary>
    public double MinDelta { get; }

    /// <summary>The burn-in in epochs.</summary>
    public int BurnIn { get; }

    /// <summary>The hard limit on epochs.</summary>
    public int MaxEpochs { get; }

    /// <summary>The best value P so far (NaN before the first evaluated epoch).</summary>
    public double Best => _best;

    /// <summary>The epoch of P, 0 if none yet.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Evaluated epochs since P was last raised.</summary>
    public int EpochsWithoutImprovement { get; private set; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">Epochs are not 1-based and strictly increasing.</exception>
    public StoppingDecision Observe(EpochObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var epoch = observation.Epoch;
        if (epoch < 1 || epoch <= _lastEpoch)
        {
            throw new ArgumentException(
                $"epoch {epoch} after epoch {_lastEpoch}: epochs must be ≥ 1 and strictly increasing.", nameof(observation));
        }

        _lastEpoch = epoch;
        if (observation.NeuralPersistence is double value && epoch > BurnIn)
        {
            if (!double.IsFinite(value))
            {
                return StoppingDecision.Stop(BestEpoch, Invariant($"neural persistence is {value} at epoch {epoch}: the run diverged or its signal is broken"));
            }

            if (double.IsNaN(_best) || value > _best + MinDelta)
            {
                _best = value;
                BestEpoch = epoch;
                EpochsWithoutImprovement = 0;
            }
            else if (++EpochsWithoutImprovement >= Patience)
            {
                return StoppingDecision.Stop(
                    BestEpoch,
                    Invariant($"neural persistence has not risen above {_best:G4} + {MinDelta:G4} (epoch {BestEpoch}) for {Patience} epochs"));
            }
        }

        return epoch >= MaxEpochs
            ? StoppingDecision.Stop(BestEpoch, Invariant($"reached max epochs ({MaxEpochs})"))
            : StoppingDecision.Continue(BestEpoch);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Registers <c>np</c> with <see cref="StoppingCriterionCatalog"/>.</summary>
    public sealed class Descriptor : StoppingCriterionDescriptor
    {
        /// <inheritdoc />
        public override string Name => "np";

        /// <inheritdoc />
        public override string Description => "neural persistence of the weights (Rieck et al. 2019): patience on its best value (no labelled hold-out)";

        /// <inheritdoc />
        public override CriterionSignals Signals => CriterionSignals.NeuralPersistence;

        /// <inheritdoc />
        public override IReadOnlyList<StoppingCriterionParameter> Parameters { get; } =
        [
            new("patience", DefaultPatience.ToString(CultureInfo.InvariantCulture), "epochs without a rise above best + minDelta before stopping, integer ≥ 1"),
            new("minDelta", "0", "Δmin, the smallest rise of neural persistence that counts, ≥ 0"),
            new("burnIn", "0", "epochs ignored at the start, integer ≥ 0"),
            new("maxEpochs", PlateauRuleOptions.DefaultMaxEpochs.ToString(CultureInfo.InvariantCulture), "hard limit on epochs, integer ≥ 1"),
        ];

        /// <inheritdoc />
        public override IStoppingCriterion Create(StoppingCriterionArguments arguments)
        {
            ArgumentNullException.ThrowIfNull(arguments);
            var patience = arguments.GetInt("patience");
            var minDelta = arguments.GetDouble("minDelta");
            var burnIn = arguments.GetInt("burnIn");
            var maxEpochs = arguments.GetInt("maxEpochs");
            return arguments.Build(() => new NpStoppingCriterion(patience, minDelta, burnIn, maxEpochs));
        }
    }
}
