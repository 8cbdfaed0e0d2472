using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Client.Core.Tests;

public sealed class ResubmissionTests
{
    private static SweepStatus Status(string seeds)
    {
        var definition = SweepFile.Parse($$"""{ "name": "r", "dataset": "synthetic", "model": "mlp-small", "grid": { "seed": [{{seeds}}] }, "stopping": ["none"] }""").Definition!;
        return new SweepStatus
        {
            SweepId = "r",
            State = SweepState.Running,
            Definition = definition,
            Trials = [.. TrialExpansion.Expand(definition).Select(spec => new TrialStatus { Spec = spec, State = TrialState.Pending })],
        };
    }

    [Fact]
    public void A_resubmission_counts_the_trials_it_reused_added_and_dropped()
    {
        var change = Resubmission.Of(Status("0, 1, 2"), Status("1, 2, 3, 4"));
        Assert.Equal(new Resubmission(Reused: 2, New: 2, Replaced: 1), change);
        Assert.Equal("2 trials reused, 2 new, 1 replaced (dropped)", change.Describe());
    }
}
