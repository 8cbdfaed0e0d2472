using Orchestrator.Contracts;

namespace Orchestrator.Dashboard.Sources;

/// <summary>Where the dashboard reads sweeps from: a live cluster (pushing events) or a finished results folder.</summary>
public interface IDashboardSource
{
    /// <summary>True when sweeps can still change (a cluster); false for a results folder.</summary>
    bool Live { get; }

    /// <summary>What this source keeps of each trial's connectomes, in words (shown on the trial page).</summary>
    string ConnectomesKept { get; }

    /// <summary>Every sweep this source knows.</summary>
    Task<IReadOnlyList<SweepStatus>> SweepsAsync(CancellationToken cancel);

    /// <summary>One sweep, or null when unknown.</summary>
    Task<SweepStatus?> SweepAsync(string sweepId, CancellationToken cancel);

    /// <summary>The recorded epochs of one trial, in order (empty when it has none yet).</summary>
    Task<IReadOnlyList<EpochRecord>> EpochsAsync(TrialSpec trial, CancellationToken cancel);

    /// <summary>The connectome upper triangle of one epoch, or null when it was not kept.</summary>
    Task<float[]?> ConnectomeAsync(TrialSpec trial, int epoch, CancellationToken cancel);
}
