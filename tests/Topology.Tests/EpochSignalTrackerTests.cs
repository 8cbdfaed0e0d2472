using Orchestrator.Topology.Diagrams;
using Orchestrator.Topology.Homology;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Topology.Tests;

public sealed class EpochSignalTrackerTests
{
    private const int N = 12;

    private static float[] RandomUpper(int seed, int n = N)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n * (n - 1) / 2).Select(_ => random.NextSingle())];
    }

    private static IReadOnlyList<NeuralPersistenceLayer> RandomLayers(int seed)
    {
        var random = new Random(seed);
        NeuralPersistenceLayer Layer(int inputs, int outputs) =>
            new(inputs, outputs, [.. Enumerable.Range(0, inputs * outputs).Select(_ => (random.NextSingle() * 2) - 1)]);
        return [Layer(5, 4), Layer(4, 3)];
    }

    [Fact]
    public void Top_computes_only_the_graph_distance_and_never_reads_the_weights()
    {
        var tracker = EpochSignalTracker.For(StoppingCriterionCatalog.Default.Find("top"));
        var weightReads = 0;
        IReadOnlyList<NeuralPersistenceLayer> Weights()
        {
            weightReads++;
            return RandomLayers(0);
        }

        var first = tracker.Observe(1, 1.0, null, N, RandomUpper(1), Weights);
        var second = tracker.Observe(2, 0.9, null, N, RandomUpper(2), Weights);

        Assert.Null(first.GraphDistance);
        var expected = WassersteinDistance.Between(
            BirthDeathDecomposition.Of(ConnectomeMatrix.FromUpperTriangle(RandomUpper(1))),
            BirthDeathDecomposition.Of(ConnectomeMatrix.FromUpperTriangle(RandomUpper(2))),
            2);
        Assert.Equal(expected, second.GraphDistance);
        Assert.Equal(expected, second.Observation.GraphDistance);
        Assert.Null(second.DiagramDistance);
        Assert.Null(second.NeuralPersistence);
        Assert.Equal(TimeSpan.Zero, second.DiagramTime);
        Assert.Equal(0, weightReads);
    }

    [Fact]
    public void Fp_gets_the_distance_between_consecutive_rips_diagrams()
    {
        var tracker = EpochSignalTracker.For(StoppingCriterionCatalog.Default.Find("fp"));

        var first = tracker.Observe(1, 1.0, null, N, RandomUpper(3));
        var second = tracker.Observe(2, 0.9, null, N, RandomUpper(4));

        Assert.Null(first.DiagramDistance);
        var expected = DiagramDistance.Between(
            VietorisRipsPersistence.OfConnectome(ConnectomeMatrix.FromUpperTriangle(RandomUpper(3))),
            VietorisRipsPersistence.OfConnectome(ConnectomeMatrix.FromUpperTriangle(RandomUpper(4))));
        Assert.Equal(expected, second.DiagramDistance);
        Assert.Equal(expected, second.Observation.DiagramDistance);
        Assert.Null(second.GraphDistance);
        Assert.True(second.DiagramTime > TimeSpan.Zero);
    }

    [Fact]
    public void Np_reads_the_weights_once_per_epoch_and_needs_no_connectome()
    {
        var tracker = EpochSignalTracker.For(StoppingCriterionCatalog.Default.Find("np"));
        var layers = RandomLayers(5);
        var weightReads = 0;

        var values = tracker.Observe(1, 1.0, null, 0, [], () =>
        {
            weightReads++;
            return layers;
        });

        Assert.Equal(1, weightReads);
        var expected = NeuralPersistence.Compute(layers);
        Assert.Equal(expected.Mean, values.NeuralPersistenceMean);
        Assert.Equal(expected.Mean, values.Observation.NeuralPersistence);
        Assert.Equal(expected.NormalisedLayers, values.NeuralPersistence!.NormalisedLayers);
        Assert.Null(values.GraphDistance);
        Assert.Null(values.DiagramDistance);
    }

    [Fact]
    public void Diverged_weights_make_the_np_criterion_stop_instead_of_throwing()
    {
        var tracker = EpochSignalTracker.For(StoppingCriterionCatalog.Default.Find("np"));
        var criterion = StoppingCriterionCatalog.Default.Create("np");
        var layers = RandomLayers(8);
        criterion.Observe(tracker.Observe(1, 1.0, null, 0, [], () => layers).Observation);
        layers[1].Weights[2] = float.NaN;

        var values = tracker.Observe(2, 1.0, null, 0, [], () => layers);
        var decision = criterion.Observe(values.Observation);

        Assert.True(double.IsNaN(values.NeuralPersistenceMean!.Value));
        Assert.True(decision.ShouldStop);
        Assert.Contains("diverged", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_signals_are_recorded_alongside_the_criterions_own()
    {
        var tracker = EpochSignalTracker.For(StoppingCriterionCatalog.Default.Find("np"), CriterionSignals.GraphDistance);

        tracker.Observe(1, 1.0, null, N, RandomUpper(6), () => RandomLayers(6));
        var second = tracker.Observe(2, 0.9, null, N, RandomUpper(7), () => RandomLayers(7));

        Assert.Equal(CriterionSignals.NeuralPersistence | CriterionSignals.GraphDistance, tracker.Signals);
        Assert.NotNull(second.GraphDistance);
        Assert.NotNull(second.NeuralPersistence);
    }

    [Fact]
    public void Every_catalogued_criterion_receives_the_signal_it_declares()
    {
        foreach (var descriptor in StoppingCriterionCatalog.Default.Descriptors)
        {
            var criterion = StoppingCriterionCatalog.Default.Create(descriptor.Name);
            var tracker = EpochSignalTracker.For(descriptor);
            for (var epoch = 1; epoch <= 3; epoch++)
            {
                var values = tracker.Observe(epoch, 1.0 / epoch, 0.5 + (0.1 * epoch), N, RandomUpper(10 + epoch), () => RandomLayers(epoch));
                var decision = criterion.Observe(values.Observation);
                Assert.False(decision.ShouldStop, $"{descriptor.Name} stopped at epoch {epoch}: {decision.Reason}");
                if (epoch > 1)
                {
                    Assert.Equal(descriptor.Signals.HasFlag(CriterionSignals.GraphDistance), values.Observation.GraphDistance is not null);
                    Assert.Equal(descriptor.Signals.HasFlag(CriterionSignals.DiagramDistance), values.Observation.DiagramDistance is not null);
                    Assert.Equal(descriptor.Signals.HasFlag(CriterionSignals.NeuralPersistence), values.Observation.NeuralPersistence is not null);
                }
            }
        }
    }

    [Fact]
    public void A_restored_connectome_gives_the_next_epoch_its_distances()
    {
        var uninterrupted = new EpochSignalTracker(CriterionSignals.GraphDistance | CriterionSignals.DiagramDistance);
        uninterrupted.Observe(1, 1.0, null, N, RandomUpper(20));
        var expected = uninterrupted.Observe(2, 0.9, null, N, RandomUpper(21));

        var resumed = new EpochSignalTracker(CriterionSignals.GraphDistance | CriterionSignals.DiagramDistance);
        resumed.Restore(1, N, RandomUpper(20));
        var actual = resumed.Observe(2, 0.9, null, N, RandomUpper(21));

        Assert.Equal(expected.GraphDistance, actual.GraphDistance);
        Assert.Equal(expected.DiagramDistance, actual.DiagramDistance);
    }

    [Fact]
    public void Vl_without_a_validation_loss_is_an_error_naming_the_hold_out()
    {
        var tracker = EpochSignalTracker.For(StoppingCriterionCatalog.Default.Find("vl"));

        var ex = Assert.Throws<ArgumentException>(() => tracker.Observe(1, 1.0, null, 0, []));
        Assert.Contains("hold-out", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connectome_of_the_wrong_length_is_rejected_and_epochs_must_increase()
    {
        var tracker = new EpochSignalTracker(CriterionSignals.GraphDistance);

        Assert.Throws<ArgumentException>(() => tracker.Observe(1, 1.0, null, N, RandomUpper(1, N - 1)));
        tracker.Observe(1, 1.0, null, N, RandomUpper(1));
        Assert.Throws<ArgumentException>(() => tracker.Observe(1, 1.0, null, N, RandomUpper(2)));
    }
}
