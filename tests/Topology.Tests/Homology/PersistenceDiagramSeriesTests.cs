using Orchestrator.Topology.Diagrams;
using Orchestrator.Topology.Homology;

namespace Orchestrator.Topology.Tests.Homology;

public sealed class PersistenceDiagramSeriesTests
{
    [Theory]
    [InlineData(DiagramMetric.Wasserstein2)]
    [InlineData(DiagramMetric.Bottleneck)]
    public void Each_epoch_carries_the_distance_to_the_previous_diagrams(DiagramMetric metric)
    {
        var connectomes = Enumerable.Range(1, 3).Select(seed => RipsTestSpaces.RandomConnectome(40, 25, seed)).ToList();
        var series = new PersistenceDiagramSeries(metric);

        var points = connectomes.Select((c, k) => series.Add(k + 1, c)).ToList();

        Assert.Null(points[0].Distance);
        for (var k = 1; k < connectomes.Count; k++)
        {
            var expected = DiagramDistance.Between(
                VietorisRipsPersistence.OfConnectome(connectomes[k - 1]), VietorisRipsPersistence.OfConnectome(connectomes[k]), metric);
            Assert.Equal(expected, points[k].Distance);
        }

        Assert.Equal(25, points[^1].H0Pairs);
    }

    [Fact]
    public void Epochs_must_increase_and_neurons_stay_the_same()
    {
        var series = new PersistenceDiagramSeries();
        series.Add(1, RipsTestSpaces.RandomConnectome(20, 10, 1));

        Assert.Throws<ArgumentException>(() => series.Add(1, RipsTestSpaces.RandomConnectome(20, 10, 2)));
        Assert.Throws<ArgumentException>(() => series.Add(2, RipsTestSpaces.RandomConnectome(20, 11, 2)));
    }
}
