using Orchestrator.Contracts;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// What a resubmission did to a sweep already on the cluster: trials reused (kept with their state), new
/// (added as pending) and replaced (in the old sweep only, dropped).
/// </summary>
public sealed record Resubmission(int Reused, int New, int Replaced)
{
    /// <summary>Compares the trials of the sweep before and after the submission.</summary>
    public static Resubmission Of(SweepStatus before, SweepStatus after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.Trials.Select(t => t.Spec.Id).ToHashSet(StringComparer.Ordinal);
        var now = after.Trials.Select(t => t.Spec.Id).ToHashSet(StringComparer.Ordinal);
        return new Resubmission(now.Count(old.Contains), now.Count(id => !old.Contains(id)), old.Count(id => !now.Contains(id)));
    }

    /// <summary>The line the CLI prints.</summary>
    public string Describe() => $"{Reused} trials reused, {New} new, {Replaced} replaced (dropped)";
}
