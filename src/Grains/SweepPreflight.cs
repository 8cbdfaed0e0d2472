using Orchestrator.Contracts;
using Orchestrator.Data;
using Orchestrator.Data.Models;
using Orchestrator.Data.Numpy;
using Orchestrator.Topology.Stopping;
using Orchestrator.Training;
using Orchestrator.Trials;

namespace Orchestrator.Grains;

/// <summary>
/// Checks at submission, on the silo, what only a silo can know, so a sweep that cannot run is one clear refusal
/// instead of N failed trials: the device (<c>cuda</c> without a usable GPU), the data set (installed here, and
/// big enough for <c>probeSize</c> after the fraction and the hold-out — the probe is never cut silently), and the
/// user's models (each distinct (model, data set) pair with a user part is built as its first trial would be:
/// data loaded, model loaded under the trusted directories, one forward on a tiny batch; a model without fully
/// connected weights is refused for neural persistence).
/// </summary>
/// <remarks>
/// The coordinator's silo answers: in a cluster whose silos differ (one with a GPU, one without) the silo that
/// activated the coordinator decides. Data and devices are usually alike across a cluster's silos.
/// </remarks>
internal static class SweepPreflight
{
    /// <summary>Throws when a trial of <paramref name="trials"/> could not start.</summary>
    /// <exception cref="SweepRejectedException">The message names the field and the fix.</exception>
    public static void Check(IReadOnlyList<TrialSpec> trials, OrchestratorOptions options)
    {
        CheckDevice(trials, options);
        CheckData(trials, options);
        CheckUserModels(trials, options);
    }

    private static void CheckDevice(IReadOnlyList<TrialSpec> trials, OrchestratorOptions options)
    {
        if (options.Gpus.Count > 0 || !trials.Any(t => t.Device == TrainingDevices.Cuda))
        {
            return;
        }

        try
        {
            TorchRuntime.ResolveDevice(TrainingDevices.Cuda);
        }
        catch (InvalidOperationException ex)
        {
            throw new SweepRejectedException(
                $"device: \"cuda\" cannot run on silo {Environment.MachineName}: {ex.Message} Use \"auto\" (CUDA when present, else the CPU) or \"cpu\", or start the silo with --gpus on a machine with a GPU.");
        }
    }

    private static void CheckData(IReadOnlyList<TrialSpec> trials, OrchestratorOptions options)
    {
        foreach (var dataset in trials.Select(t => t.Dataset).Distinct(StringComparer.Ordinal))
        {
            if (NumpyDatasetFiles.IsReference(dataset) || !DatasetCatalog.Default.IsKnown(dataset))
            {
                // User files are checked with their model below; an unknown name was refused by the definition check.
                continue;
            }

            var found = DatasetCatalog.Default.Availability(dataset, options.DataDirectory);
            if (!found.Available)
            {
                throw new SweepRejectedException(
                    $"dataset: '{dataset}' is not installed on silo {Environment.MachineName} ({found.Detail}; looked in {found.Location}). {found.InstallHint}".TrimEnd());
            }
        }

        // The probe is drawn from the training items left after the fraction and the hold-out: a larger probeSize
        // used to be cut to what was there without a word. One trial per (data set, fraction, hold-out) tells.
        foreach (var group in trials.GroupBy(t => (t.Dataset, t.Fraction, t.ValidationFraction)))
        {
            var spec = group.First();
            var settings = spec.ToTrainingSettings(options.DataDirectory) with { Device = TrainingDevices.Cpu };
            int available;
            try
            {
                available = PreparedData.For(settings).Train.Count;
            }
            catch (Exception ex) when (ex is ArgumentException or DatasetFormatException or IOException)
            {
                throw new SweepRejectedException($"dataset: {ex.Message}");
            }

            if (spec.ProbeSize > available)
            {
                throw new SweepRejectedException(
                    $"probeSize: {spec.ProbeSize} is more than the {available} training items of {DatasetSource.DisplayName(spec.Dataset)} at fraction {spec.Fraction:0.###}"
                    + (spec.ValidationFraction > 0 ? $" after holding out {spec.ValidationFraction:0.###} for validation" : string.Empty)
                    + $"; set probeSize to at most {available} or raise the fraction.");
            }
        }
    }

    private static void CheckUserModels(IReadOnlyList<TrialSpec> trials, OrchestratorOptions options)
    {
        var groups = trials
            .Where(t => UserModelReference.IsReference(t.Model) || NumpyDatasetFiles.IsReference(t.Dataset))
            .GroupBy(t => (t.Model, t.Dataset));
        foreach (var group in groups)
        {
            var spec = group.First();
            var settings = spec.ToTrainingSettings(options.DataDirectory) with
            {
                TrustedModelDirectories = options.ModelDirectories,
                Device = TrainingDevices.Cpu,
                ValidationFraction = 0,
            };
            try
            {
                using var session = TrainingSession.Create(settings);
                var needsWeights = group.FirstOrDefault(t => StoppingCriterionCatalog.Default.Names.Contains(t.Stopping.Name)
                    && StoppingCriterionCatalog.Default.Find(t.Stopping.Name).Signals.HasFlag(CriterionSignals.NeuralPersistence));
                if (needsWeights is not null && session.NeuralPersistenceWeights().Count == 0)
                {
                    throw new SweepRejectedException(
                        $"stopping: '{needsWeights.Stopping.Name}' (neural persistence) needs fully connected weights, and model {ModelSource.DisplayName(spec.Model)} has no 2-D parameter named *.weight; drop that method for this model.");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or DatasetFormatException)
            {
                throw new SweepRejectedException(ex.Message);
            }
        }
    }
}
