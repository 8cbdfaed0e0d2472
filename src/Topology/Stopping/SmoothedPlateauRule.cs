using System.Globalization;

namespace Orchestrator.Topology.Stopping;

/// <summary>
/// The plateau rule shared by the signal-based criteria (TOP, and the FP baseline on its own signal):
/// smooth a noisy per-epoch signal that falls while training still changes, and stop once the
/// smoothed value has not improved significantly for <see cref="PlateauRuleOptions.Patience"/>
/// evaluated epochs. See <c>src/Topology/README.md</c>, "Stopping criteria", for the exact rule.
/// </summary>
/// <remarks>
/// Per epoch, in order: a missing value (null) is ignored; a NaN/±∞ value stops or is skipped as
/// <see cref="PlateauRuleOptions.OnNonFinite"/> says; epochs ≤ warm-up are ignored; every other value
/// is smoothed, and once the smoother holds a full window the smoothed value s is evaluated. It is a
/// significant improvement when s &lt; reference − max(relativeThreshold·|reference|, minDelta); the
/// reference is the smoothed value at the last significant improvement (the first evaluated value
/// starts it). Otherwise the patience counter grows; it stops the run when it reaches patience.
/// Independently, the run stops at max epochs. The best epoch is that of the lowest smoothed value.
/// </remarks>
public sealed class SmoothedPlateauRule
{
    private readonly PlateauRuleOptions _options;
    private readonly string _signalName;
    private readonly SignalSmoother _smoother;
    private double _reference = double.NaN;
    private int _referenceEpoch;
    private double _lowest = double.PositiveInfinity;
    private int _lastEpoch;

    /// <param name="options">The rule's parameters.</param>
    /// <param name="signalName">The signal's name in reasons (e.g. <c>w</c>, <c>validation loss</c>).</param>
    public SmoothedPlateauRule(PlateauRuleOptions options, string signalName)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(signalName);
        _options = options;
        _signalName = signalName;
        _smoother = new SignalSmoother(options.Smoothing, options.Window);
    }

    /// <summary>The parameters.</summary>
    public PlateauRuleOptions Options => _options;

    /// <summary>The latest smoothed value, or null before a full window of evaluated values.</summary>
    public double? Smoothed => _smoother.IsReady ? _smoother.Value : null;

    /// <summary>The epoch of the lowest smoothed value so far, 0 if none yet.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Evaluated epochs since the last significant improvement.</summary>
    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>
    /// The threshold band after the latest epoch, or null before the first evaluated value: a smoothed value
    /// inside [reference − required, reference] is no significant improvement (the dashboard draws it).
    /// </summary>
    public (double Lower, double Upper)? Band => double.IsNaN(_reference) ? null : (_reference - Required(_reference), _reference);

    /// <summary>Feeds the signal of one epoch (null: not measured this epoch) and decides.</summary>
    /// <exception cref="ArgumentException">Epochs are not 1-based and strictly increasing.</exception>
    public StoppingDecision Observe(int epoch, double? value) => Decide(epoch, value) with { SmoothedSignal = Smoothed };

    private StoppingDecision Decide(int epoch, double? value)
    {
        if (epoch < 1 || epoch <= _lastEpoch)
        {
            throw new ArgumentException(
                $"epoch {epoch} after epoch {_lastEpoch}: epochs must be ≥ 1 and strictly increasing.", nameof(epoch));
        }

        _lastEpoch = epoch;
        if (value is double v && !double.IsFinite(v))
        {
            if (_options.OnNonFinite == NonFiniteSignalPolicy.Stop)
            {
                return StoppingDecision.Stop(
                    BestEpoch, Invariant($"{_signalName} is {Describe(v)} at epoch {epoch}: the run diverged or its signal is broken"));
            }
        }
        else if (value is double finite && epoch > _options.WarmUp)
        {
            var decision = Evaluate(epoch, finite);
            if (decision is not null)
            {
                return decision;
            }
        }

        return epoch >= _options.MaxEpochs
            ? StoppingDecision.Stop(BestEpoch, Invariant($"reached max epochs ({_options.MaxEpochs})"))
            : StoppingDecision.Continue(BestEpoch);
    }

    private StoppingDecision? Evaluate(int epoch, double value)
    {
        var s = _smoother.Add(value);
        if (!_smoother.IsReady)
        {
            return null;
        }

        if (s < _lowest)
        {
            _lowest = s;
            BestEpoch = epoch;
        }

        if (double.IsNaN(_reference) || s < _reference - Required(_reference))
        {
            _reference = s;
            _referenceEpoch = epoch;
            EpochsWithoutImprovement = 0;
            return null;
        }

        EpochsWithoutImprovement++;
        if (EpochsWithoutImprovement < _options.Patience)
        {
            return null;
        }

        var threshold = _options.MinDelta > 0
            ? Invariant($"max({_options.RelativeThreshold * 100:0.###}%, {_options.MinDelta:G4})")
            : Invariant($"{_options.RelativeThreshold * 100:0.###}%");
        return StoppingDecision.Stop(
            BestEpoch,
            Invariant($"smoothed {_signalName} has not improved by more than {threshold} on {_reference:G4} (epoch {_referenceEpoch}) for {_options.Patience} epochs; lowest {_lowest:G4} at epoch {BestEpoch}"));
    }

    /// <summary>The improvement on <paramref name="reference"/> that counts as significant.</summary>
    private double Required(double reference) => Math.Max(_options.RelativeThreshold * Math.Abs(reference), _options.MinDelta);

    private static string Describe(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "+∞" : "−∞";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
