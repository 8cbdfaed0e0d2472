using System.Diagnostics;
using Orchestrator.Topology.Diagrams;
using Orchestrator.Topology.Homology;

namespace Orchestrator.Topology.Stopping;

/// <summary>
/// Turns one run's epochs into the <see cref="EpochObservation"/>s its criterion reads, computing only the
/// <see cref="Signals"/> asked for: the graph distance of consecutive birth–death decompositions
/// (<see cref="ConnectomeSeries"/>, TOP), the distance of consecutive Vietoris–Rips diagrams
/// (<see cref="PersistenceDiagramSeries"/>, FP), the neural persistence of the weights (NP; the weights are
/// asked for only then), the validation loss (VL). One instance per run, fed every epoch in order; it
/// holds only the latest decomposition and diagrams. Pure: no I/O, no Torch; the training worker and the
/// Topology grain both use it.
/// </summary>
public sealed class EpochSignalTracker
{
    private readonly ConnectomeSeries? _graph;
    private readonly PersistenceDiagramSeries? _diagrams;
    private int _lastEpoch;

    /// <param name="signals">The signals to compute each epoch.</param>
    /// <param name="p">Order of the graph (TOP) Wasserstein distance, 1 or 2.</param>
    /// <param name="metric">The diagram (FP) distance.</param>
    public EpochSignalTracker(CriterionSignals signals, int p = 2, DiagramMetric metric = DiagramMetric.Wasserstein2)
    {
        if ((signals & ~(CriterionSignals.GraphDistance | CriterionSignals.DiagramDistance | CriterionSignals.NeuralPersistence | CriterionSignals.ValidationLoss)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(signals), signals, "unknown criterion signal.");
        }

        Signals = signals;
        _graph = signals.HasFlag(CriterionSignals.GraphDistance) ? new ConnectomeSeries(p) : null;
        _diagrams = signals.HasFlag(CriterionSignals.DiagramDistance) ? new PersistenceDiagramSeries(metric) : null;
    }

    /// <summary>The signals computed each epoch.</summary>
    public CriterionSignals Signals { get; }

    /// <summary>
    /// A tracker for the criterion <paramref name="descriptor"/> describes: its <see cref="StoppingCriterionDescriptor.Signals"/>
    /// plus <paramref name="alsoRecord"/> (e.g. the cheap graph distance a report always shows).
    /// </summary>
    public static EpochSignalTracker For(StoppingCriterionDescriptor descriptor, CriterionSignals alsoRecord = CriterionSignals.None)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return new EpochSignalTracker(descriptor.Signals | alsoRecord);
    }

    /// <summary>
    /// Computes the signals of <paramref name="epoch"/> and the observation for the criterion.
    /// </summary>
    /// <param name="epoch">1-based epoch, strictly increasing.</param>
    /// <param name="trainingLoss">Mean training loss of the epoch.</param>
    /// <param name="validationLoss">Validation loss, when the run has a hold-out (needed when <see cref="CriterionSignals.ValidationLoss"/> is asked for).</param>
    /// <param name="connectomeSize">n; ignored unless a graph or diagram distance is asked for.</param>
    /// <param name="connectomeUpperTriangle">The strict upper triangle of the n × n connectome, row by row.</param>
    /// <param name="weights">Supplies the network's fully connected layers; called once, and only when NP is asked for. A non-finite weight gives NP = NaN (a diverged run), not an error.</param>
    /// <exception cref="ArgumentException">The epoch does not increase, a needed input is missing, or the connectome is malformed.</exception>
    public EpochSignalValues Observe(
        int epoch,
        double trainingLoss,
        double? validationLoss,
        int connectomeSize,
        ReadOnlySpan<float> connectomeUpperTriangle,
        Func<IReadOnlyList<NeuralPersistenceLayer>>? weights = null)
    {
        if (epoch < 1 || epoch <= _lastEpoch)
        {
            throw new ArgumentException($"epoch {epoch} after epoch {_lastEpoch}: epochs must be ≥ 1 and strictly increasing.", nameof(epoch));
        }

        if (Signals.HasFlag(CriterionSignals.ValidationLoss) && validationLoss is null)
        {
            throw new ArgumentException($"epoch {epoch} has no validation loss, which the criterion reads: the run needs a validation hold-out.", nameof(validationLoss));
        }

        if (Signals.HasFlag(CriterionSignals.NeuralPersistence) && weights is null)
        {
            throw new ArgumentNullException(nameof(weights), "neural persistence is asked for but no weights are supplied.");
        }

        var clock = new Stopwatch();
        var connectome = Connectome(connectomeSize, connectomeUpperTriangle);

        ConnectomeSeriesPoint? graphPoint = null;
        var graphTime = TimeSpan.Zero;
        if (_graph is not null)
        {
            clock.Restart();
            graphPoint = _graph.Add(epoch, connectome!);
            graphTime = clock.Elapsed;
        }

        var graph = graphPoint?.Distance;

        double? diagram = null;
        var diagramTime = TimeSpan.Zero;
        if (_diagrams is not null)
        {
            clock.Restart();
            diagram = _diagrams.Add(epoch, connectome!).Distance;
            diagramTime = clock.Elapsed;
        }

        NeuralPersistenceResult? persistence = null;
        double? persistenceMean = null;
        var persistenceTime = TimeSpan.Zero;
        if (Signals.HasFlag(CriterionSignals.NeuralPersistence))
        {
            clock.Restart();
            var layers = weights!();
            if (layers.Any(l => !AllFinite(l.Weights)))
            {
                // Diverged weights: NaN makes the np criterion stop with its "diverged" reason instead of the run crashing.
                persistenceMean = double.NaN;
            }
            else
            {
                persistence = NeuralPersistence.Compute(layers);
                persistenceMean = persistence.Mean;
            }

            persistenceTime = clock.Elapsed;
        }

        _lastEpoch = epoch;
        var observation = new EpochObservation(epoch, trainingLoss)
        {
            ValidationLoss = validationLoss,
            GraphDistance = graph,
            DiagramDistance = diagram,
            NeuralPersistence = persistenceMean,
        };
        return new EpochSignalValues(observation, graph, diagram, persistence, graphTime, diagramTime, persistenceTime)
        {
            GraphPoint = graphPoint,
        };
    }

    /// <summary>
    /// Gives the tracker the connectome of an epoch already observed before a restart (e.g. the last epoch of a
    /// resumed run), so the next epoch has distances to it. Computes the decomposition/diagrams, no distances.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Observe"/>.</exception>
    public void Restore(int epoch, int connectomeSize, ReadOnlySpan<float> connectomeUpperTriangle)
    {
        if (epoch < 1 || epoch <= _lastEpoch)
        {
            throw new ArgumentException($"epoch {epoch} after epoch {_lastEpoch}: epochs must be ≥ 1 and strictly increasing.", nameof(epoch));
        }

        var connectome = Connectome(connectomeSize, connectomeUpperTriangle);
        _graph?.Add(epoch, connectome!);
        _diagrams?.Add(epoch, connectome!);
        _lastEpoch = epoch;
    }

    private static bool AllFinite(float[] values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    private ConnectomeMatrix? Connectome(int n, ReadOnlySpan<float> upperTriangle)
    {
        if (_graph is null && _diagrams is null)
        {
            return null;
        }

        if (n < 2 || upperTriangle.Length != ConnectomeMatrix.UpperTriangleLength(n))
        {
            throw new ArgumentException(
                $"the connectome has {upperTriangle.Length} upper-triangle entries for n = {n}; it needs n ≥ 2 and n(n−1)/2 entries.",
                nameof(upperTriangle));
        }

        return ConnectomeMatrix.FromUpperTriangle(upperTriangle);
    }
}
