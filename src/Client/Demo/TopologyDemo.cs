using Orchestrator.Topology;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Client.Demo;

/// <summary>One epoch of the demo: the distances, the smoothed signal and the criterion's decision.</summary>
internal sealed record TopologyDemoEpoch(int Epoch, ConnectomeSeriesPoint Point, double? Smoothed, StoppingDecision Decision);

/// <summary>
/// The demo run: synthetic activations per epoch → connectome → decomposition → distance to the previous
/// epoch → a stopping criterion (TOP by default), until it stops or the epochs run out.
/// </summary>
internal static class TopologyDemo
{
    public static IReadOnlyList<TopologyDemoEpoch> Run(SyntheticActivations activations, IStoppingCriterion criterion, int epochs)
    {
        var series = new ConnectomeSeries();
        var rows = new List<TopologyDemoEpoch>();
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var w = FunctionalConnectome.Compute(activations.Epoch(epoch), activations.Samples, activations.Neurons);
            var point = series.Add(epoch, w);
            var decision = criterion.Observe(new EpochObservation(epoch, activations.Remaining(epoch)) { GraphDistance = point.Distance });
            rows.Add(new TopologyDemoEpoch(epoch, point, (criterion as TopStoppingCriterion)?.Smoothed, decision));
            if (decision.ShouldStop)
            {
                break;
            }
        }

        return rows;
    }
}
