using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Topology;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Dashboard.Tests;

/// <summary>
/// A results folder written by the real results writer for a generated sweep: each epoch's connectome is the
/// real functional connectome of generated activations that drift less and less (so the distance settles), its
/// distances the real Wasserstein distances, and the connectomes are left where a local run leaves them.
/// </summary>
internal sealed class GeneratedSweep : IDisposable
{
    public const int Neurons = 24;

    /// <summary>The TOP trials' criterion: not the defaults, so a page drawing default parameters would show it.</summary>
    public static readonly StoppingMethod Top = new()
    {
        Name = "top",
        Parameters = ImmutableSortedDictionary<string, string>.Empty.Add("relativeThreshold", "0.05").Add("window", "3"),
    };

    private GeneratedSweep(string root, SweepStatus status, Dictionary<string, IReadOnlyList<EpochRecord>> epochs)
    {
        Root = root;
        Status = status;
        Epochs = epochs;
    }

    public string Root { get; }

    public SweepStatus Status { get; }

    public Dictionary<string, IReadOnlyList<EpochRecord>> Epochs { get; }

    public string Folder => Path.Combine(Root, Status.SweepId);

    public static GeneratedSweep Write(string sweepId, int trials, int epochs, bool keepConnectomes = true)
    {
        var root = Path.Combine(Path.GetTempPath(), "orchestrator-dashboard-tests", Guid.NewGuid().ToString("N"));
        var statuses = ImmutableArray.CreateBuilder<TrialStatus>();
        var records = new Dictionary<string, IReadOnlyList<EpochRecord>>(StringComparer.Ordinal);
        for (var t = 0; t < trials; t++)
        {
            var spec = new TrialSpec
            {
                Id = $"t{t:D3}", SweepId = sweepId, Dataset = "synthetic", Model = "mlp-small", Fraction = 1, LearningRate = t % 3 == 0 ? 0.01 : 0.05,
                Momentum = 0.9, BatchSize = 50, Seed = t, MaxEpochs = epochs * 2, Stopping = t % 2 == 0 ? Top : new StoppingMethod { Name = "vl" },
            };
            var series = Series(spec, epochs, root, keepConnectomes);
            records[spec.Id] = series;
            statuses.Add(new TrialStatus
            {
                Spec = spec, State = TrialState.Stopped, EpochsRun = epochs, StopEpoch = epochs, Reason = "settled",
                TestAccuracy = 0.7 + (0.2 * (t + 1) / trials), TestLoss = 0.5, LastLoss = series[^1].Losses.Training, LastDistance = series[^1].Signals.Distance,
            });
        }

        // The sweep file a real run keeps as sweep.json (its maxEpochs is the trials').
        var definition = Orchestrator.Sweeps.SweepFile.Parse($$"""{ "name": "{{sweepId}}", "dataset": "synthetic", "model": "mlp-small", "grid": { "seed": [0] }, "stopping": ["top"], "maxEpochs": {{epochs * 2}} }""").Definition!;
        var status = new SweepStatus { SweepId = sweepId, State = SweepState.Finished, Trials = statuses.ToImmutable(), SubmittedAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow, Definition = definition };
        SweepResultsWriter.Write(root, status, records, partial: false);
        return new GeneratedSweep(root, status, records);
    }

    /// <summary>The epochs of one trial; its connectomes are written as the checkpoint store writes them.</summary>
    public static List<EpochRecord> Series(TrialSpec spec, int epochs, string? root, bool keepConnectomes)
    {
        var random = new Random(spec.Seed + 1);
        const int samples = 64;
        var basis = Enumerable.Range(0, samples * Neurons).Select(_ => (float)random.NextDouble()).ToArray();
        var series = new List<EpochRecord>();
        BirthDeathDecomposition? previous = null;
        // The trial's own criterion smooths the distance as the topology grain records it.
        var criterion = StoppingCriterionCatalog.Default.Create(spec.Stopping.Name, spec.Stopping.Parameters);
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var drift = 1.0 / epoch;
            var activations = basis.Select((v, i) => v + (float)(drift * random.NextDouble()) + (i % Neurons < Neurons / 2 ? basis[i - (i % Neurons)] : 0)).ToArray();
            var upper = FunctionalConnectome.Compute(activations, samples, Neurons).ToUpperTriangle();
            var decomposition = BirthDeathDecomposition.OfUpperTriangle(upper);
            var distance = previous is null ? null : WassersteinDistance.Between(previous, decomposition);
            previous = decomposition;
            if (keepConnectomes && root is not null)
            {
                var directory = Path.Combine(root, spec.SweepId + ".checkpoints", spec.SweepId, spec.Id);
                Directory.CreateDirectory(directory);
                File.WriteAllBytes(Path.Combine(directory, $"connectome-{epoch}.bin"), MemoryMarshal.AsBytes(upper.AsSpan()).ToArray());
            }

            var losses = new EpochLosses { Training = 2.0 / epoch, Validation = spec.Stopping.Name == "vl" ? 2.2 / epoch : null };
            var decision = criterion.Observe(new EpochObservation(epoch, losses.Training) { ValidationLoss = losses.Validation, GraphDistance = distance });
            series.Add(new EpochRecord
            {
                Epoch = epoch,
                Losses = losses,
                Signals = new EpochSignals
                {
                    ConnectomeSize = Neurons, Persistence0 = decomposition.TotalPersistence0, Persistence1 = decomposition.TotalPersistence1,
                    W0 = distance?.W0, W1 = distance?.W1, Distance = distance?.W, SmoothedDistance = decision.SmoothedSignal,
                },
            });
        }

        return series;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
