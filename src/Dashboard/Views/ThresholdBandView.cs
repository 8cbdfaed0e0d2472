using Orchestrator.Contracts;
using Orchestrator.Topology;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Dashboard.Views;

/// <summary>One epoch of the band: a smoothed value in [Lower, Upper] is no significant improvement.</summary>
public sealed record ThresholdBandPoint(int Epoch, double Lower, double Upper);

/// <summary>
/// The threshold band of a plateau criterion (TOP, FP) over a trial's epochs. It is not stored: it is replayed
/// from the recorded signals through the criterion the trial ran with, built from its recorded name and
/// parameters, so the band is the criterion's own (its window, relative threshold, min delta, warm-up), never a
/// default. <see cref="Smoothed"/> is the replay's smoothed signal, equal to the recorded one when the replay is
/// faithful.
/// </summary>
public sealed record ThresholdBandView(string Method, IReadOnlyList<ThresholdBandPoint> Points, IReadOnlyList<double?> Smoothed)
{
    /// <summary>The band, or null when the trial's criterion has none (vl, np, none) or is not one this build knows.</summary>
    public static ThresholdBandView? Of(StoppingMethod method, IEnumerable<EpochRecord> epochs)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(epochs);
        IStoppingCriterion criterion;
        try
        {
            criterion = StoppingCriterionCatalog.Default.Create(method.Name, method.Parameters);
        }
        catch (ArgumentException)
        {
            return null;
        }

        if (criterion is not IPlateauCriterion plateau)
        {
            return null;
        }

        var points = new List<ThresholdBandPoint>();
        var smoothed = new List<double?>();
        var last = 0;
        foreach (var record in epochs.OrderBy(e => e.Epoch))
        {
            if (record.Epoch <= last)
            {
                continue; // a resumed run repeats an epoch: the criterion saw it once
            }

            last = record.Epoch;
            var decision = criterion.Observe(ObservationOf(record));
            smoothed.Add(Finite.OrNull(plateau.Rule.Smoothed));
            if (plateau.Rule.Band is { } band && double.IsFinite(band.Lower) && double.IsFinite(band.Upper))
            {
                points.Add(new ThresholdBandPoint(record.Epoch, band.Lower, band.Upper));
            }

            if (decision.ShouldStop)
            {
                break;
            }
        }

        return new ThresholdBandView(method.Describe(), points, smoothed);
    }

    /// <summary>What the criterion saw at a recorded epoch (as the topology grain replays it on a resume).</summary>
    private static EpochObservation ObservationOf(EpochRecord record) => new(record.Epoch, record.Losses.Training)
    {
        ValidationLoss = record.Losses.Validation,
        GraphDistance = record.Signals.Distance is { } w ? new TopologicalDistance(2, record.Signals.W0 ?? 0, record.Signals.W1 ?? 0, w) : null,
        DiagramDistance = record.Signals.DiagramDistance,
        NeuralPersistence = record.Signals.NeuralPersistence,
    };
}
