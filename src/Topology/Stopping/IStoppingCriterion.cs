namespace Orchestrator.Topology.Stopping;

/// <summary>
/// A rule that watches a training run epoch by epoch and says when to stop it, in the manner of
/// Optuna's pruners or Ray Tune's schedulers. Implementations are stateful: one instance per run,
/// fed every epoch in order. Replaying the same observations into a new instance reproduces the
/// same decisions, which is how a restarted run recovers its criterion.
/// </summary>
public interface IStoppingCriterion
{
    /// <summary>Short stable name used in CLIs, sweep files and reports (e.g. <c>top</c>, <c>vl</c>).</summary>
    string Name { get; }

    /// <summary>Records the observation of one finished epoch and decides whether to go on.</summary>
    StoppingDecision Observe(EpochObservation observation);
}
