using Orchestrator.Contracts;
using Orchestrator.Data;
using Orchestrator.Data.Models;
using Orchestrator.Data.Numpy;
using Orchestrator.Topology.Stopping;
using Orchestrator.Training;
using Orchestrator.Trials;

namespace Orchestrator.Grains;

/// <summary>
/// Checks a sweep's user models and data once, at submission, so a bad TorchScript file or plugin is one clear
/// refusal instead of N failed trials: each distinct (model, data set) pair with a user part is built as its first
/// trial would be (data loaded, model loaded under the trusted directories, one forward on a tiny batch), and a
/// model without fully connected weights is refused for neural persistence.
/// </summary>
internal static class SweepPreflight
{
    /// <summary>Throws when a trial of <paramref name="trials"/> could not start.</summary>
    /// <exception cref="SweepRejectedException">The message names the field and the fix.</exception>
    public static void Check(IReadOnlyList<TrialSpec> trials, OrchestratorOptions options)
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
