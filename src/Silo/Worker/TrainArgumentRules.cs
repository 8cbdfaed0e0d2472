using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Orchestrator.Topology.Stopping;
using Orchestrator.Data;
using Orchestrator.Data.Models;

namespace Orchestrator.Silo.Worker;

/// <summary>
/// The rules of the <c>train</c> verb's flags, checked while parsing: a bad value is a parse error naming the
/// flag and the fix (stderr, exit code 2) before anything is loaded. The `orchestrator train` CLI verb passes
/// its arguments here unchanged, so these are the only rules (the training engine's own checks guard its API).
/// </summary>
internal static class TrainArgumentRules
{
    public static Command AddTo(Command train)
    {
        Require(Option<string>(train, "--dataset"), d => TrainFiles.IsNpz(d) ? File.Exists(d) : DatasetCatalog.Default.IsKnown(d), d => TrainFiles.IsNpz(d) ? $"--dataset: '{d}' does not exist." : $"--dataset '{d}' is unknown; use one of {string.Join(", ", DatasetCatalog.Default.Names)} (see `orchestrator data list`), or a FILE.npz.");
        Require(Option<string>(train, "--optimizer"), Data.Optimization.OptimizerKinds.IsKnown, o => $"--optimizer '{o}' is unknown; use one of {string.Join(", ", Data.Optimization.OptimizerKinds.Names)}.");
        Require(Option<string>(train, "--schedule"), TrainFiles.IsSchedule, s => $"--schedule '{s}' is not a schedule; use constant, cosine, cosine(min=F) or step(N,GAMMA).");
        Require(Option<double>(train, "--fraction"), f => f > 0 && f <= 1, f => $"--fraction is {F(f)}; it must be in (0, 1] (e.g. 0.1 for 10% of the training set).");
        Require(Option<int>(train, "--epochs"), e => e >= 1 && e <= EpochLimit.Max, e => $"--epochs is {e}; it must be in [1, {EpochLimit.Max}].");
        Require(Option<double>(train, "--lr"), r => r > 0 && double.IsFinite(r), r => $"--lr is {F(r)}; it must be > 0.");
        Require(Option<double>(train, "--momentum"), m => m >= 0 && m < 1, m => $"--momentum is {F(m)}; it must be in [0, 1).");
        Require(Option<int>(train, "--batch-size"), b => b >= 1, b => $"--batch-size is {b}; it must be ≥ 1.");
        Require(Option<double>(train, "--weight-decay"), w => w >= 0 && double.IsFinite(w), w => $"--weight-decay is {F(w)}; it must be ≥ 0.");
        Require(Option<int>(train, "--probe-size"), p => p >= 2, p => $"--probe-size is {p}; it must be ≥ 2.");
        Require(Option<double?>(train, "--validation-fraction"), v => v is null || (v >= 0 && v < 1), v => $"--validation-fraction is {F(v ?? 0)}; it must be in [0, 1).");
        Require(Option<double>(train, "--width"), w => w > 0 && double.IsFinite(w), w => $"--width is {F(w)}; it must be > 0.");
        Require(Option<string>(train, "--device"), TrainingDevices.IsKnown, d => $"--device '{d}' must be {TrainingDevices.Listed}.");
        Require(Option<string?>(train, "--model"), m => m is null || (TrainFiles.IsTorchScript(m) ? File.Exists(m) : ModelDescriptorCatalog.Default.IsKnown(m)), m => TrainFiles.IsTorchScript(m!) ? $"--model: '{m}' does not exist." : $"--model '{m}' is unknown; use one of {string.Join(", ", ModelDescriptorCatalog.Default.Names)}, or a TorchScript FILE.pt.");
        Require(Option<string?>(train, "--json"), j => j is null || Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(j))), j => $"--json: the folder of '{j}' does not exist.");
        Require(Option<string?>(train, "--resume"), r => r is null || File.Exists(r), r => $"--resume: checkpoint '{r}' does not exist.");

        var stop = Option<string>(train, "--stop");
        var validation = Option<double?>(train, "--validation-fraction");
        train.Validators.Add(result =>
        {
            var specification = result.GetValue(stop);
            if (specification is null)
            {
                return;
            }

            IStoppingCriterion criterion;
            try
            {
                criterion = StoppingCriterionCatalog.Default.Parse(specification);
            }
            catch (ArgumentException ex)
            {
                result.AddError($"--stop: {ex.Message}");
                return;
            }

            if (StoppingCriterionCatalog.Default.Find(criterion.Name).NeedsHoldOut && result.GetValue(validation) is <= 0)
            {
                result.AddError($"--stop {criterion.Name} needs a labelled hold-out: --validation-fraction must be > 0 (default 0.2).");
            }
        });
        return train;
    }

    private static Option<T> Option<T>(Command command, string name) =>
        command.Options.OfType<Option<T>>().SingleOrDefault(o => o.Name == name)
        ?? throw new InvalidOperationException($"the train verb has no option {name} of type {typeof(T).Name}");

    private static void Require<T>(Option<T> option, Func<T, bool> valid, Func<T, string> message) =>
        option.Validators.Add(result =>
        {
            if (result.Implicit)
            {
                return;
            }

            var value = result.GetValueOrDefault<T>();
            if (!valid(value))
            {
                result.AddError(message(value));
            }
        });

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
