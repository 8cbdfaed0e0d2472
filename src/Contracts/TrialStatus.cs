namespace Orchestrator.Contracts;

/// <summary>A trial as seen from outside: its spec, state and latest numbers.</summary>
[GenerateSerializer]
[Immutable]
public sealed record TrialStatus
{
    /// <summary>The trial.</summary>
    [Id(0)]
    public required TrialSpec Spec { get; init; }

    /// <summary>Current state.</summary>
    [Id(1)]
    public TrialState State { get; init; }

    /// <summary>Why it ended (stop reason, error, divergence), empty while pending or running.</summary>
    [Id(2)]
    public string Reason { get; init; } = string.Empty;

    /// <summary>Epochs completed (and counted) so far.</summary>
    [Id(3)]
    public int EpochsRun { get; init; }

    /// <summary>Latest training loss.</summary>
    [Id(4)]
    public double? LastLoss { get; init; }

    /// <summary>Latest topological distance.</summary>
    [Id(5)]
    public double? LastDistance { get; init; }

    /// <summary>Epoch at which the criterion stopped the trial (or its last epoch).</summary>
    [Id(6)]
    public int? StopEpoch { get; init; }

    /// <summary>Test accuracy after the trial ended.</summary>
    [Id(7)]
    public double? TestAccuracy { get; init; }

    /// <summary>Test loss after the trial ended.</summary>
    [Id(8)]
    public double? TestLoss { get; init; }

    /// <summary>Wall seconds spent training this trial (over all restarts).</summary>
    [Id(9)]
    public double Seconds { get; init; }

    /// <summary>Times the trial was restarted from its checkpoint after its silo died.</summary>
    [Id(10)]
    public int Restarts { get; init; }

    /// <summary>The silo that runs (or last ran) it.</summary>
    [Id(11)]
    public string Silo { get; init; } = string.Empty;

    /// <summary>Epochs that were replayed from a checkpoint after a restart (not counted twice).</summary>
    [Id(12)]
    public int ResumedFromEpoch { get; init; }

    /// <summary>When (UTC) the trial was last restarted on a new activation after its silo died.</summary>
    [Id(13)]
    public DateTime? LastRestartAt { get; init; }

    /// <summary>Labelled images the trial trained on (its data fraction, less the hold-out); 0 until its data is loaded.</summary>
    [Id(14)]
    public int TrainingSamples { get; init; }

    /// <summary>Labelled images held out for validation (0 when its criterion needs no hold-out).</summary>
    [Id(15)]
    public int HoldOutSamples { get; init; }
}
