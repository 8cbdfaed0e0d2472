using Orchestrator.Contracts;

namespace Orchestrator.Dashboard.Views;

/// <summary>One epoch of a trial as the browser draws it (non-finite numbers become null).</summary>
public sealed record EpochView(
    int Epoch,
    double? TrainLoss,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double? TestAccuracy,
    double? W0,
    double? W1,
    double? Distance,
    double? SmoothedDistance,
    double? DiagramDistance,
    double? NeuralPersistence,
    string Decision)
{
    public static EpochView Of(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var l = record.Losses;
        var s = record.Signals;
        return new EpochView(
            record.Epoch, Finite.OrNull(l.Training), Finite.OrNull(l.Validation), Finite.OrNull(l.ValidationAccuracy), Finite.OrNull(l.TestAccuracy),
            Finite.OrNull(s.W0), Finite.OrNull(s.W1), Finite.OrNull(s.Distance), Finite.OrNull(s.SmoothedDistance), Finite.OrNull(s.DiagramDistance),
            Finite.OrNull(s.NeuralPersistence), record.Decision);
    }
}
