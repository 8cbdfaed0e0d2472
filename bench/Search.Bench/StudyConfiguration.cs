namespace Orchestrator.Search.Bench;

/// <summary>
/// One row of the benchmark: a peer study (Optuna's TPE with or without its median pruner) or one of ours (TPE with a
/// cross-trial scheduler, with or without TOP as the per-trial criterion). The refit rides on one of ours (the search
/// part is the same run; the refit's epochs are counted apart).
/// </summary>
public sealed record StudyConfiguration(string Name, bool Optuna, string Scheduler, string Stopping)
{
    /// <summary>The reference every target is measured against.</summary>
    public static StudyConfiguration Reference => All[0];

    /// <summary>Every configuration the issue asks for, in table order; the one list the options pick from (by number, 1-based).</summary>
    public static IReadOnlyList<StudyConfiguration> All { get; } =
    [
        new("optuna tpe + median", Optuna: true, "median", "none"),
        new("optuna tpe", Optuna: true, "none", "none"),
        new("ours tpe + median", Optuna: false, "median", "none"),
        new("ours tpe + median + top", Optuna: false, "median", "top"),
        new("ours tpe + asha", Optuna: false, "asha", "none"),
        new("ours tpe + asha + top", Optuna: false, "asha", "top"),
    ];
}
