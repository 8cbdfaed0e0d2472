using Orchestrator.Topology.Stopping;

namespace Orchestrator.Client.Core.Reports;

/// <summary>A stopping method's numbers within one configuration of a sweep (all its seeds).</summary>
internal sealed record MethodSummary(
    string Method,
    IReadOnlyList<TrialResult> Trials,
    MeanStd? StopEpoch,
    MeanStd? TestAccuracy,
    double? TrainSecondsPerEpoch,
    double? MonitoringSecondsPerEpoch,
    string MonitoringColumns,
    MeanStd? HindsightBestEpoch,
    MeanStd? HindsightBestAccuracy)
{
    public string BaseMethod => Method.Split('(')[0];

    /// <summary>Trials that ended with a stop epoch and a test accuracy (failed, diverged or cancelled ones do not count).</summary>
    public IReadOnlyList<TrialResult> Finished => Trials.Where(t => t.StopEpoch is not null && t.TestAccuracy is not null && t.State is "Completed" or "Stopped").ToList();

    /// <summary>
    /// The epoch columns that make up a method's own monitoring signal, from the signals its criterion declares
    /// (<see cref="StoppingCriterionDescriptor.Signals"/>). The topology grain computes the connectome for every
    /// trial, but only methods that read it are charged for it. A method the catalog does not know is charged
    /// only its own <c>&lt;method&gt;_s</c> column, if the results carry one.
    /// </summary>
    public static string[] MonitoringColumnsOf(string baseMethod, IEnumerable<string> available)
    {
        var own = $"{baseMethod}_s";
        var signals = SignalsOf(baseMethod);
        var columns = new List<string>();
        if ((signals & (CriterionSignals.GraphDistance | CriterionSignals.DiagramDistance)) != 0)
        {
            // Both read the probe's connectome: TOP decomposes it, FP builds its Vietoris–Rips diagram.
            columns.AddRange(["probe_s", "connectome_s", "topology_s"]);
        }

        if (signals.HasFlag(CriterionSignals.NeuralPersistence) && !columns.Contains("topology_s"))
        {
            columns.Add("topology_s");
        }

        if (signals.HasFlag(CriterionSignals.ValidationLoss))
        {
            columns.Add("validation_s");
        }

        return available.Contains(own, StringComparer.Ordinal) ? [.. columns, own] : [.. columns];
    }

    /// <summary>The signals <paramref name="baseMethod"/>'s criterion reads; none for a name the catalog does not know.</summary>
    public static CriterionSignals SignalsOf(string baseMethod)
    {
        try
        {
            return StoppingCriterionCatalog.Default.Find(baseMethod).Signals;
        }
        catch (ArgumentException)
        {
            return CriterionSignals.None;
        }
    }

    public static MethodSummary Of(string method, IReadOnlyList<TrialResult> trials, ResultsFolder results)
    {
        var finished = trials.Where(t => t.StopEpoch is not null && t.TestAccuracy is not null && t.State is "Completed" or "Stopped").ToList();
        var epochs = trials.SelectMany(t => results.EpochsOf(t.Id)).ToList();
        var available = epochs.SelectMany(e => e.Seconds.Keys).Distinct(StringComparer.Ordinal).ToList();
        var monitoring = MonitoringColumnsOf(method.Split('(')[0], available);
        double? train = epochs.Count > 0 && available.Contains("train_s") ? epochs.Average(e => e.Seconds["train_s"]) : null;
        double? monitor = epochs.Count > 0 ? epochs.Average(e => monitoring.Sum(c => e.Seconds.GetValueOrDefault(c))) : null;

        var best = trials
            .Select(t => results.EpochsOf(t.Id).Where(e => e.TestAccuracy is not null).ToList())
            .Where(series => series.Count > 0)
            .Select(series => series.Aggregate((a, b) => b.TestAccuracy!.Value > a.TestAccuracy!.Value ? b : a))
            .ToList();
        return new MethodSummary(
            method,
            trials,
            MeanStd.Of(finished.Select(t => (double)t.StopEpoch!.Value)),
            MeanStd.Of(finished.Select(t => t.TestAccuracy!.Value)),
            train,
            monitor,
            monitoring.Length == 0 ? "none" : string.Join(" + ", monitoring),
            MeanStd.Of(best.Select(e => (double)e.Epoch)),
            MeanStd.Of(best.Select(e => e.TestAccuracy!.Value)));
    }
}
