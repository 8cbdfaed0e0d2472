using System.Collections.Concurrent;
using Orchestrator.Data;

namespace Orchestrator.Training;

/// <summary>
/// The host-side data of one run: the stratified training subset (minus the validation hold-out),
/// the hold-out, the test split and the probe set, all chosen from the seed with
/// <see cref="DeterministicRandom"/> streams. Loaded datasets are cached per process, because
/// sweeps create many sessions on the same data.
/// </summary>
public sealed record PreparedData(LabelledImages Train, LabelledImages? Validation, LabelledImages Test, LabelledImages Probe, string Description)
{
    /// <summary>Generator stream of the training subset.</summary>
    internal const ulong SubsetStream = 1;

    /// <summary>Generator stream of the validation hold-out.</summary>
    internal const ulong ValidationStream = 2;

    /// <summary>Generator stream of the probe set.</summary>
    internal const ulong ProbeStream = 3;

    /// <summary>Generator stream of the initial weights.</summary>
    internal const ulong InitialisationStream = 4;

    /// <summary>Generator stream of the batch order.</summary>
    internal const ulong ShuffleStream = 5;

    private static readonly ConcurrentDictionary<string, Lazy<DatasetSplit>> _cache = new();

    /// <summary>Loads (or reuses) the dataset and draws the run's subset, hold-out and probe set.</summary>
    public static PreparedData For(TrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var key = $"{settings.Dataset}|{DataDirectory.Resolve(settings.DataDirectory)}";
        var lazy = _cache.GetOrAdd(key, _ => new Lazy<DatasetSplit>(() => DatasetSource.Load(settings.Dataset, settings.DataDirectory)));
        DatasetSplit dataset;
        try
        {
            dataset = lazy.Value;
        }
        catch
        {
            _cache.TryRemove(key, out _);
            throw;
        }

        return From(dataset, settings);
    }

    /// <summary>Draws the run's subset, hold-out and probe set from an already loaded dataset.</summary>
    public static PreparedData From(DatasetSplit dataset, TrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(settings);
        var subset = StratifiedSampler.Subset(dataset.Train.Labels, settings.Fraction, new DeterministicRandom(settings.Seed, SubsetStream));
        var (held, kept) = settings.ValidationFraction > 0
            ? StratifiedSampler.Split(subset, dataset.Train.Labels, settings.ValidationFraction, new DeterministicRandom(settings.Seed, ValidationStream))
            : ([], subset);
        var train = dataset.Train.Select(kept);
        var validation = held.Length > 0 ? dataset.Train.Select(held) : null;
        var probe = train.Select(StratifiedSampler.Uniform(train.Count, settings.ProbeSize, new DeterministicRandom(settings.Seed, ProbeStream)));
        var description =
            $"{dataset.Source}; fraction {settings.Fraction:0.###} → {subset.Length} stratified (seed {settings.Seed}): " +
            $"{train.Count} train" + (validation is null ? string.Empty : $" + {validation.Count} validation") +
            $", probe {probe.Count}, test {dataset.Test.Count}";
        return new PreparedData(train, validation, dataset.Test, probe, description);
    }
}
