using System.CommandLine;
using Orchestrator.Data;
using Orchestrator.Data.Models;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Silo.Worker;

/// <summary>The options of the worker's <c>train</c> verb (their rules: <see cref="TrainArgumentRules"/>; the CLI passes its arguments here unchanged).</summary>
internal sealed class TrainOptions
{
    public Option<string> Dataset { get; } = new("--dataset") { Description = $"Dataset: {string.Join(", ", DatasetCatalog.Default.Names)}, or a NumPy archive FILE.npz (x_train, y_train, x_test, y_test).", Required = true };

    public Option<double> Fraction { get; } = new("--fraction") { Description = "Stratified seeded fraction of the training set, in (0, 1].", DefaultValueFactory = _ => 0.1 };

    public Option<int> Epochs { get; } = new("--epochs") { Description = "Maximum epochs.", DefaultValueFactory = _ => 100 };

    public Option<string> Stop { get; } = new("--stop") { Description = $"Stopping criterion: {string.Join(", ", StoppingCriterionCatalog.Default.Names)}, optionally with parameters (top:window=5,patience=5).", DefaultValueFactory = _ => "top" };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of subset, initialisation and batch order.", DefaultValueFactory = _ => 0 };

    public Option<string> Device { get; } = new("--device") { Description = $"{TrainingDevices.Listed}.", DefaultValueFactory = _ => TrainingDevices.Cpu };

    public Option<string?> Json { get; } = new("--json") { Description = "Write settings, per-epoch records and summary to this JSON file." };

    public Option<string?> Model { get; } = new("--model") { Description = $"Network: {string.Join(", ", ModelDescriptorCatalog.Default.Names)} (default: the paper's network for the dataset), or a TorchScript FILE.pt (forward → logits, exported connectome → hidden activations)." };

    public Option<string> Optimizer { get; } = new("--optimizer") { Description = $"Optimizer: {string.Join(", ", Data.Optimization.OptimizerKinds.Names)}.", DefaultValueFactory = _ => Data.Optimization.OptimizerKinds.Sgd };

    public Option<bool> Nesterov { get; } = new("--nesterov") { Description = "Nesterov momentum (sgd)." };

    public Option<string> Schedule { get; } = new("--schedule") { Description = "Learning-rate schedule: constant, cosine, cosine(min=F), step(N,GAMMA).", DefaultValueFactory = _ => "constant" };

    public Option<double> LearningRate { get; } = new("--lr") { Description = "SGD learning rate.", DefaultValueFactory = _ => 0.01 };

    public Option<double> Momentum { get; } = new("--momentum") { Description = "SGD momentum.", DefaultValueFactory = _ => 0.9 };

    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Mini-batch size.", DefaultValueFactory = _ => 50 };

    public Option<double> WeightDecay { get; } = new("--weight-decay") { Description = "L2 weight decay.", DefaultValueFactory = _ => 0.0 };

    public Option<int> ProbeSize { get; } = new("--probe-size") { Description = "Probe images for the connectome (500: the stop epoch moves 1.2 epochs on average against 1000, see src/Trials/README.md).", DefaultValueFactory = _ => 500 };

    public Option<double?> ValidationFraction { get; } = new("--validation-fraction") { Description = "Hold-out share of the subset (default 0.2 with --stop vl, else 0)." };

    public Option<double> Width { get; } = new("--width") { Description = "Width multiplier of the hidden layers.", DefaultValueFactory = _ => 1.0 };

    public Option<string?> DataDirectory { get; } = new("--data-dir") { Description = "Dataset directory (default $ORCHESTRATOR_DATA_DIR or ~/.cache/orchestrator/data)." };

    public Option<string?> LibTorch { get; } = new("--libtorch") { Description = "CUDA libtorch directory (default $ORCHESTRATOR_LIBTORCH_DIR)." };

    public Option<string?> Checkpoint { get; } = new("--checkpoint") { Description = "Write a checkpoint here after every epoch." };

    public Option<string?> Resume { get; } = new("--resume") { Description = "Continue from this checkpoint." };

    public Option<bool> RecordTopology { get; } = new("--record-topology") { Description = "Probe and record the connectome's signals even when the criterion reads none (vl, np, none)." };

    public Option<bool> Synchronous { get; } = new("--synchronous-monitoring") { Description = "Hold each epoch until its stopping decision (default: monitoring runs while the next epoch trains; same results)." };

    public IEnumerable<Option> All =>
    [
        Dataset, Fraction, Epochs, Stop, Seed, Device, Json, Model, LearningRate, Momentum, BatchSize, WeightDecay, ProbeSize,
        ValidationFraction, Width, DataDirectory, LibTorch, Checkpoint, Resume, RecordTopology, Synchronous, Optimizer, Nesterov, Schedule,
    ];
}
