using System.CommandLine;
using System.Globalization;
using Orchestrator.Client.Worker;
using Orchestrator.Data;
using Orchestrator.Data.Models;
using Orchestrator.Sweeps;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Client.Commands;

/// <summary>
/// `orchestrator train …`: one training run with a stopping criterion. Arguments are checked here
/// (exit code 2, nothing started), then the worker process trains and streams its progress.
/// </summary>
internal static class TrainCommand
{
    // The worker checks again; these catalogs (shared with sweep files) only make errors early and cheap.
    private static readonly IReadOnlyList<string> Datasets = DatasetCatalog.Default.Names;
    private static readonly IReadOnlyList<string> Models = ModelDescriptorCatalog.Default.Names;

    public static Command Create(CliContext context)
    {
        var dataset = new Option<string>("--dataset") { Description = $"Dataset: {string.Join(", ", Datasets)}.", Required = true };
        var fraction = new Option<double>("--fraction") { Description = "Stratified seeded fraction of the training set, in (0, 1].", DefaultValueFactory = _ => 0.1 };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs.", DefaultValueFactory = _ => 100 };
        var stop = new Option<string>("--stop") { Description = $"Stopping criterion: {string.Join(", ", StoppingCriterionCatalog.Default.Names)}, optionally name:param=value,… (e.g. top:window=5); see `orchestrator topology criteria`.", DefaultValueFactory = _ => "top" };
        var seed = new Option<int>("--seed") { Description = "Seed of subset, initialisation and batch order.", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = $"{TrainingDevices.Listed} (cuda needs ORCHESTRATOR_LIBTORCH_DIR or --libtorch).", DefaultValueFactory = _ => TrainingDevices.Cpu };
        var json = new Option<string?>("--json") { Description = "Write settings, per-epoch records and the summary to this JSON file." };
        var model = new Option<string?>("--model") { Description = $"Network: {string.Join(", ", Models)} (default: the paper's network for the dataset)." };
        var lr = new Option<double>("--lr") { Description = "SGD learning rate, > 0.", DefaultValueFactory = _ => 0.01 };
        var momentum = new Option<double>("--momentum") { Description = "SGD momentum in [0, 1).", DefaultValueFactory = _ => 0.9 };
        var batch = new Option<int>("--batch-size") { Description = "Mini-batch size, ≥ 1.", DefaultValueFactory = _ => 50 };
        var weightDecay = new Option<double>("--weight-decay") { Description = "L2 weight decay, ≥ 0.", DefaultValueFactory = _ => 0.0 };
        var probe = new Option<int>("--probe-size") { Description = "Probe images for the connectome, ≥ 2.", DefaultValueFactory = _ => 1000 };
        var validation = new Option<double?>("--validation-fraction") { Description = "Hold-out share of the subset in [0, 1) (default 0.2 with --stop vl, else 0)." };
        var width = new Option<double>("--width") { Description = "Width multiplier of the hidden layers, > 0.", DefaultValueFactory = _ => 1.0 };
        var dataDir = new Option<string?>("--data-dir") { Description = "Dataset directory (default $ORCHESTRATOR_DATA_DIR or ~/.cache/orchestrator/data)." };
        var libtorch = new Option<string?>("--libtorch") { Description = "CUDA-enabled libtorch directory (default $ORCHESTRATOR_LIBTORCH_DIR)." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Write a checkpoint to this file after every epoch." };
        var resume = new Option<string?>("--resume") { Description = "Continue from this checkpoint (same settings)." };
        var command = new Command("train", $"Trains one network and stops it with a criterion ({string.Join(", ", StoppingCriterionCatalog.Default.Names)}); live progress, summary table, optional JSON.")
        {
            dataset, fraction, epochs, stop, seed, device, json, model, lr, momentum, batch, weightDecay, probe, validation, width, dataDir, libtorch, checkpoint, resume,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var d = parse.GetValue(dataset)!;
            var f = parse.GetValue(fraction);
            var e = parse.GetValue(epochs);
            var s = parse.GetValue(stop)!;
            var dev = parse.GetValue(device)!;
            var m = parse.GetValue(model);
            var rate = parse.GetValue(lr);
            var mom = parse.GetValue(momentum);
            var b = parse.GetValue(batch);
            var wd = parse.GetValue(weightDecay);
            var p = parse.GetValue(probe);
            var v = parse.GetValue(validation);
            var w = parse.GetValue(width);
            Require(Datasets.Contains(d), $"--dataset '{d}' is unknown; use one of {string.Join(", ", Datasets)} (see `orchestrator data list`).");
            Require(f > 0 && f <= 1, $"--fraction is {F(f)}; it must be in (0, 1] (e.g. 0.1 for 10% of the training set).");
            Require(e >= 1, $"--epochs is {e}; it must be ≥ 1.");
            Require(rate > 0 && double.IsFinite(rate), $"--lr is {F(rate)}; it must be > 0.");
            Require(mom >= 0 && mom < 1, $"--momentum is {F(mom)}; it must be in [0, 1).");
            Require(b >= 1, $"--batch-size is {b}; it must be ≥ 1.");
            Require(wd >= 0 && double.IsFinite(wd), $"--weight-decay is {F(wd)}; it must be ≥ 0.");
            Require(p >= 2, $"--probe-size is {p}; it must be ≥ 2.");
            Require(v is null || (v >= 0 && v < 1), $"--validation-fraction is {F(v ?? 0)}; it must be in [0, 1).");
            Require(w > 0 && double.IsFinite(w), $"--width is {F(w)}; it must be > 0.");
            Require(TrainingDevices.IsKnown(dev), $"--device '{dev}' must be {TrainingDevices.Listed}.");
            Require(m is null || Models.Contains(m), $"--model '{m}' is unknown; use one of {string.Join(", ", Models)}.");
            IStoppingCriterion criterion;
            try
            {
                criterion = StoppingCriterionCatalog.Default.Parse(s);
            }
            catch (ArgumentException ex)
            {
                throw new InputException($"--stop: {ex.Message}");
            }

            Require(!TrialExpansion.NeedsValidationHoldOut(criterion.Name) || v is null || v > 0, $"--stop {criterion.Name} needs a labelled hold-out: --validation-fraction must be > 0 (default 0.2).");
            var jsonPath = parse.GetValue(json);
            if (jsonPath is not null)
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(jsonPath));
                Require(folder is not null && Directory.Exists(folder), $"--json: the folder of '{jsonPath}' does not exist.");
            }

            var resumePath = parse.GetValue(resume);
            Require(resumePath is null || File.Exists(resumePath), $"--resume: checkpoint '{resumePath}' does not exist.");

            var arguments = new List<string>
            {
                "train", "--dataset", d, "--fraction", F(f), "--epochs", I(e), "--stop", s, "--seed", I(parse.GetValue(seed)), "--device", dev,
                "--lr", F(rate), "--momentum", F(mom), "--batch-size", I(b), "--weight-decay", F(wd), "--probe-size", I(p), "--width", F(w),
            };
            void Pass(string name, string? value)
            {
                if (value is not null)
                {
                    arguments.Add(name);
                    arguments.Add(value);
                }
            }

            Pass("--validation-fraction", v is null ? null : F(v.Value));
            Pass("--model", m);
            Pass("--json", jsonPath is null ? null : Path.GetFullPath(jsonPath));
            Pass("--data-dir", parse.GetValue(dataDir));
            Pass("--libtorch", parse.GetValue(libtorch));
            Pass("--checkpoint", parse.GetValue(checkpoint));
            Pass("--resume", resumePath);
            return await WorkerProcess.Locate().RunAsync(arguments, context.Stdout, context.Stderr, cancellationToken);
        });
        return command;
    }

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new InputException(message);
        }
    }

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
