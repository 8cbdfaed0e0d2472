using Orchestrator.Contracts;
using Orchestrator.Data;
using Orchestrator.Sweeps;

namespace Orchestrator.Grains;

/// <summary>
/// Checks of the grain methods a run grain, not a person, normally calls (<c>ReportTrial</c>, <c>ReportEpoch</c>,
/// <c>Observe</c>, <c>Register</c>): any client that reaches a gateway can call them too, so ids follow
/// <see cref="SafeId"/>, numbers their ranges, strings a length, and a bad call is an <see cref="ArgumentException"/>
/// naming the field, before any state changes. NaN and ∞ stay allowed where a diverged run legitimately reports
/// them (losses, distances); counts, epochs and seconds must be finite and in range.
/// </summary>
internal static class GrainArguments
{
    /// <summary>Longest reason or decision text kept; a run's own reasons (exception messages) are cut to it, never refused.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Longest silo name in a report.</summary>
    public const int MaxSiloLength = 200;

    /// <summary>The most neurons a connectome may have (n); its upper triangle is n(n−1)/2 float32 values.</summary>
    public const int MaxConnectomeSize = 20_000;

    /// <summary>Refuses a malformed trial report; the trial must still be looked up by the caller (unknown ids are ignored there).</summary>
    public static void RequireReport(TrialStatus status, EpochRecord? record)
    {
        ArgumentNullException.ThrowIfNull(status);
        var errors = new List<string>();
        void Add(bool bad, string problem)
        {
            if (bad)
            {
                errors.Add(problem);
            }
        }

        if (status.Spec is null)
        {
            throw new ArgumentException("refused: spec is required", nameof(status));
        }

        Add(!SafeId.IsValid(status.Spec.Id), $"spec.id: {SafeId.Problem(status.Spec.Id)}");
        Add(!Enum.IsDefined(status.State), $"state: {(int)status.State} is not a trial state");
        Add(status.Reason is null || status.Reason.Length > MaxTextLength, $"reason: at most {MaxTextLength} characters");
        Add(status.Silo is null || status.Silo.Length > MaxSiloLength, $"silo: at most {MaxSiloLength} characters");
        Add(status.EpochsRun is < 0 or > EpochLimit.Max, $"epochsRun: must be in [0, {EpochLimit.Max}]");
        Add(status.StopEpoch is < 0 or > EpochLimit.Max, $"stopEpoch: must be in [0, {EpochLimit.Max}]");
        Add(status.ResumedFromEpoch is < 0 or > EpochLimit.Max, $"resumedFromEpoch: must be in [0, {EpochLimit.Max}]");
        Add(status.Restarts < 0, "restarts: must be >= 0");
        Add(status.TrainingSamples < 0 || status.HoldOutSamples < 0, "trainingSamples, holdOutSamples: must be >= 0");
        Add(!double.IsFinite(status.Seconds) || status.Seconds < 0, "seconds: must be a finite number >= 0");
        Add(status.TestAccuracy is double a && !(a is >= 0 and <= 1), "testAccuracy: must be in [0, 1]");
        if (record is not null)
        {
            Add(record.Epoch is < 1 or > EpochLimit.Max, $"record.epoch: must be in [1, {EpochLimit.Max}]");
            Add(record.Decision is null || record.Decision.Length > MaxTextLength, $"record.decision: at most {MaxTextLength} characters");
            Add(record.Losses is null || record.Signals is null || record.Seconds is null, "record: losses, signals and seconds are required");
        }

        Throw(errors, nameof(status));
    }

    /// <summary>Refuses an epoch beyond what the trial the coordinator holds may run.</summary>
    public static void RequireEpochOf(TrialSpec held, EpochRecord? record)
    {
        if (record is not null && record.Epoch > held.MaxEpochs)
        {
            throw new ArgumentException($"refused: record.epoch: {record.Epoch} is beyond trial {held.Id}'s maxEpochs {held.MaxEpochs}", nameof(record));
        }
    }

    /// <summary>Refuses a snapshot sent to the topology grain <paramref name="grainKey"/> for another trial, out of range or of the wrong size.</summary>
    public static void RequireSnapshot(string grainKey, TrialSpec spec, EpochSnapshotMessage snapshot)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(snapshot);

        // What this grain reads of the spec: its ids (they name the connectome folder), its criterion and maxEpochs.
        // The training settings are the run grain's, checked where it starts the trial.
        var specErrors = new List<string>();
        if (SafeId.Problem(spec.SweepId) is { } sweepProblem)
        {
            specErrors.Add($"sweepId: {sweepProblem}");
        }

        if (SafeId.Problem(spec.Id) is { } idProblem)
        {
            specErrors.Add($"id: {idProblem}");
        }

        if (!SweepLimits.MaxEpochs.Contains(spec.MaxEpochs))
        {
            specErrors.Add($"maxEpochs: {SweepLimits.MaxEpochs.Rule}");
        }

        if (spec.Stopping is null || !Topology.Stopping.StoppingCriterionCatalog.Default.Names.Contains(spec.Stopping.Name, StringComparer.OrdinalIgnoreCase))
        {
            specErrors.Add("stopping: must be a known method");
        }

        Throw(specErrors, nameof(spec));
        if (!string.Equals(spec.GrainKey, grainKey, StringComparison.Ordinal))
        {
            // Otherwise one trial's grain could be made to write connectomes into another trial's folder.
            throw new ArgumentException($"refused: spec {BoundedQuote.Of(spec.GrainKey)} is not this grain's trial {BoundedQuote.Of(grainKey)}", nameof(spec));
        }

        var errors = new List<string>();
        if (snapshot.Epoch < 1 || snapshot.Epoch > spec.MaxEpochs)
        {
            errors.Add($"epoch: must be in [1, {spec.MaxEpochs}] (the trial's maxEpochs)");
        }

        if (snapshot.ConnectomeSize is < 0 or > MaxConnectomeSize)
        {
            errors.Add($"connectomeSize: must be in [0, {MaxConnectomeSize}]");
        }
        else if (snapshot.Connectome is null
                 || (snapshot.Connectome.Length != 0 && snapshot.Connectome.Length != (long)snapshot.ConnectomeSize * (snapshot.ConnectomeSize - 1) / 2 * sizeof(float)))
        {
            errors.Add($"connectome: must be empty or the {(long)snapshot.ConnectomeSize * (snapshot.ConnectomeSize - 1) / 2 * sizeof(float)} bytes of an n = {snapshot.ConnectomeSize} upper triangle");
        }

        double[] seconds = [snapshot.TrainSeconds, snapshot.ProbeSeconds, snapshot.ConnectomeSeconds, snapshot.ValidationSeconds, snapshot.TestSeconds, snapshot.MonitoringOnPathSeconds];
        if (seconds.Any(s => !double.IsFinite(s) || s < 0))
        {
            errors.Add("seconds: every phase's seconds must be a finite number >= 0");
        }

        Throw(errors, nameof(snapshot));
    }

    /// <summary>A reason cut to <see cref="MaxTextLength"/>, for a run's own report of an exception message.</summary>
    public static string Bounded(string reason) =>
        reason.Length <= MaxTextLength ? reason : reason[..(MaxTextLength - 1)] + "…";

    private static void Throw(List<string> errors, string parameter)
    {
        if (errors.Count > 0)
        {
            throw new ArgumentException($"refused: {string.Join("; ", errors)}", parameter);
        }
    }
}
