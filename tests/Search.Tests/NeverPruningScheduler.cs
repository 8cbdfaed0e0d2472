using Orchestrator.Search.Schedulers;

namespace Orchestrator.Search.Tests;

/// <summary>A scheduler that exists only in the test assembly: one file, as adding a scheduler should be.</summary>
public sealed class NeverPruningScheduler : ITrialScheduler
{
    public string Name => "never";

    public PruningDecision Decide(StudyHistory study, TrialRecord trial) =>
        PruningDecision.Continue(trial.LastReport?.Step ?? 0, "never: this scheduler never prunes");

    public sealed class Descriptor : SchedulerDescriptor
    {
        public override string Name => "never";

        public override string Description => "never prunes (test only)";

        public override IReadOnlyList<ComponentParameter> Parameters { get; } = [];

        public override ITrialScheduler Create(ComponentArguments arguments) => new NeverPruningScheduler();
    }
}
