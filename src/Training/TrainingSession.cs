using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Data;
using Orchestrator.Data.Models;
using Orchestrator.Data.Optimization;
using Orchestrator.Training.Models;
using Orchestrator.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Orchestrator.Training;

/// <summary>
/// One training run: owns the model, optimiser, data and RNG state, and advances one epoch at a
/// time. Not thread-safe: one caller drives it.
/// </summary>
/// <remarks>
/// Every random choice (subset, hold-out, probe set, initial weights, batch order) comes from
/// <see cref="DeterministicRandom"/> streams of the seed, never from torch's global generator, so
/// runs in the same process do not disturb each other and CPU runs are reproducible bit for bit.
/// </remarks>
public sealed class TrainingSession : IDisposable
{
    private const int EvaluationBatch = 1000;

    private readonly Device _device;
    private readonly ConnectomeNetwork _network;
    private readonly ParameterOptimizer _optimizer;
    private readonly ConnectomeKernel _kernel;
    private readonly DeterministicRandom _shuffle;
    private readonly Tensor _trainX;
    private readonly Tensor _trainY;
    private readonly Tensor? _validationX;
    private readonly Tensor? _validationY;
    private readonly Tensor _testX;
    private readonly Tensor _testY;
    private readonly Tensor _probeX;
    private readonly (string Name, Tensor Tensor)[] _parameters;
    private readonly (string Name, Tensor Tensor)[] _buffers;

    // The weights neural persistence reads, each with the index of the trainable parameter it is (null when it is none),
    // so a kept copy of the model serves them without a second clone.
    private readonly (string Name, Tensor Weight, int? Parameter)[] _neuralPersistenceLayers;

    // add_ without an alpha converts 1 to a temporary torch Scalar that a GC may free mid-call; an integer
    // 1 serves both the float loss sum and the integer count of correct answers.
    private readonly Scalar _one = 1L.ToScalar();
    private int _completedEpochs;
    private bool _disposed;

    private TrainingSession(TrainingSettings settings, PreparedData data, Device device)
    {
        Settings = settings;
        DataDescription = data.Description;
        _device = device;
        _network = ModelFactory.Create(settings, data.Train);
        _network.Initialise(new DeterministicRandom(settings.Seed, PreparedData.InitialisationStream));
        _network.MoveTo(device);
        _parameters = [.. _network.TrainableParameters()];
        _buffers = [.. _network.StateBuffers()];
        _neuralPersistenceLayers = [.. _network.NeuralPersistenceWeights().Select(l => (l.Name, l.Weight, ParameterOf(l.Name, l.Weight)))];
        _optimizer = OptimizerFactory.Create(settings, _parameters.Select(p => p.Tensor));
        _kernel = new ConnectomeKernel(_network.ConnectomeSize, device);
        _shuffle = new DeterministicRandom(settings.Seed, PreparedData.ShuffleStream);
        (_trainX, _trainY) = ToDevice(data.Train);
        if (data.Validation is not null)
        {
            (_validationX, _validationY) = ToDevice(data.Validation);
        }

        (_testX, _testY) = ToDevice(data.Test);
        (_probeX, var probeY) = ToDevice(data.Probe);
        probeY.Dispose();
        TrainingSamples = data.Train.Count;
        ValidationSamples = data.Validation?.Count ?? 0;
        ProbeSamples = data.Probe.Count;
    }

    /// <summary>The settings the run was created with.</summary>
    public TrainingSettings Settings { get; }

    /// <summary>Epochs completed so far (0 before the first).</summary>
    public int CompletedEpochs => _completedEpochs;

    /// <summary>Where the data came from and how it was subset and split, in words for the output.</summary>
    public string DataDescription { get; }

    /// <summary>The device training runs on: <c>cpu</c>, <c>cuda</c> (the current CUDA device) or <c>cuda:N</c> (a pinned GPU).</summary>
    public string DeviceName => _device.type != DeviceType.CUDA ? "cpu" : _device.index >= 0 ? $"cuda:{_device.index}" : "cuda";

    /// <summary>Why <c>--device auto</c> chose the CPU (null when it did not fall back).</summary>
    public string? CudaUnavailableReason { get; private init; }

    /// <summary>Training samples per epoch (after the validation hold-out).</summary>
    public int TrainingSamples { get; }

    /// <summary>Validation samples (0 without a hold-out).</summary>
    public int ValidationSamples { get; }

    /// <summary>Probe samples used for the connectome.</summary>
    public int ProbeSamples { get; }

    /// <summary>Neurons in the connectome (n).</summary>
    public int ConnectomeSize => _network.ConnectomeSize;

    /// <summary>Loads the data and builds a freshly initialised model for <paramref name="settings"/>.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    /// <exception cref="DatasetFormatException">The dataset is missing or malformed.</exception>
    /// <exception cref="InvalidOperationException">The device is not usable (e.g. CUDA without a libtorch).</exception>
    public static TrainingSession Create(TrainingSettings settings)
    {
        Validate(settings);
        var device = TorchRuntime.ResolveDevice(settings.Device, settings.LibTorchDirectory, settings.CudaDeviceIndex, out var fallback);
        return new TrainingSession(settings, PreparedData.For(settings), device) { CudaUnavailableReason = fallback };
    }

    /// <summary>Restores a run from a checkpoint written by <see cref="SaveCheckpoint"/>; the next epoch continues the same trajectory.</summary>
    /// <exception cref="CheckpointException">The checkpoint is corrupt, truncated, or was written for different settings.</exception>
    public static TrainingSession Resume(string checkpointPath, TrainingSettings settings)
    {
        Validate(settings);
        var checkpoint = TrainingCheckpoint.Read(checkpointPath);
        var expected = Fingerprint(settings);
        if (checkpoint.Fingerprint != expected)
        {
            throw new CheckpointException($"checkpoint {checkpointPath} was written for different settings:\n  checkpoint: {checkpoint.Fingerprint}\n  requested:  {expected}");
        }

        var session = Create(settings);
        try
        {
            session.Restore(checkpoint, checkpointPath);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Checks every setting; the message names the field and the allowed range.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public static void Validate(TrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        void Require(bool ok, string message)
        {
            if (!ok)
            {
                throw new ArgumentException(message, nameof(settings));
            }
        }

        Require(DatasetSource.IsKnown(settings.Dataset), $"dataset '{settings.Dataset}' is unknown (known: {string.Join(", ", DatasetCatalog.Default.Names)}).");
        Require(ModelSource.IsKnown(settings.Model), $"model '{settings.Model}' is unknown (known: {string.Join(", ", ModelDescriptorCatalog.Default.Names)}).");
        Require(settings.Fraction > 0 && settings.Fraction <= 1, $"fraction is {settings.Fraction}; it must be in (0, 1].");
        Require(settings.LearningRate > 0 && double.IsFinite(settings.LearningRate), $"learning rate is {settings.LearningRate}; it must be > 0.");
        Require(settings.Momentum >= 0 && settings.Momentum < 1, $"momentum is {settings.Momentum}; it must be in [0, 1).");
        Require(settings.BatchSize >= 1, $"batch size is {settings.BatchSize}; it must be ≥ 1.");
        Require(settings.WeightDecay >= 0 && double.IsFinite(settings.WeightDecay), $"weight decay is {settings.WeightDecay}; it must be ≥ 0.");
        Require(settings.ProbeSize >= 2, $"probe size is {settings.ProbeSize}; it must be ≥ 2.");
        Require(settings.ValidationFraction >= 0 && settings.ValidationFraction < 1, $"validation fraction is {settings.ValidationFraction}; it must be in [0, 1).");
        Require(TrainingDevices.IsKnown(settings.Device), $"device '{settings.Device}' must be {TrainingDevices.Listed}.");
        Require(settings.WidthMultiplier > 0 && double.IsFinite(settings.WidthMultiplier), $"width multiplier is {settings.WidthMultiplier}; it must be > 0.");
        Require(settings.ConvolutionsPerBlock >= 1, $"convolutions per block is {settings.ConvolutionsPerBlock}; it must be ≥ 1.");
        Require(OptimizerKinds.IsKnown(settings.Optimizer), $"optimizer '{settings.Optimizer}' is unknown; allowed: {string.Join(", ", OptimizerKinds.Names)}.");
        Require(!settings.Nesterov || (settings.Optimizer == OptimizerKinds.Sgd && settings.Momentum > 0), "nesterov needs the sgd optimizer and a momentum > 0.");
        Require(settings.Beta1 >= 0 && settings.Beta1 < 1 && settings.Beta2 >= 0 && settings.Beta2 < 1, $"betas are ({settings.Beta1}, {settings.Beta2}); each must be in [0, 1).");
        Require(settings.ScheduleHorizon >= 1, $"schedule horizon is {settings.ScheduleHorizon}; it must be ≥ 1.");
    }

    /// <summary>
    /// Trains one epoch, then probes the network and computes the connectome where the activations live.
    /// A NaN/∞ training loss is returned as such (the caller ends the run as diverged); the probe is
    /// then skipped and the snapshot carries an empty connectome (size 0).
    /// </summary>
    /// <remarks>Cancelling mid-epoch leaves the model part-way through the epoch: resume from the last checkpoint.</remarks>
    public EpochSnapshot RunEpoch(CancellationToken cancellationToken = default) => RunEpoch(EpochProbe.Connectome, cancellationToken);

    /// <summary>Trains one epoch, then probes as <paramref name="probe"/> says (see <see cref="EpochProbe"/>).</summary>
    public EpochSnapshot RunEpoch(EpochProbe probe, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var clock = Stopwatch.StartNew();
        _optimizer.SetLearningRate(Settings.LearningRate * Settings.Schedule.Factor(_completedEpochs, Settings.ScheduleHorizon));
        if (UserModelReference.IsReference(Settings.Model))
        {
            // A user's model (TorchScript or plugin) draws its randomness (dropout) from torch's global generator, which no checkpoint holds:
            // seeding it from the run's seed and epoch makes an epoch replay bit for bit after a resume.
            manual_seed((Settings.Seed * 100_003L) + _completedEpochs);
        }

        var trainingLoss = TrainOneEpoch(cancellationToken);
        var trainTime = clock.Elapsed;
        _completedEpochs++;

        var probeTime = TimeSpan.Zero;
        var connectomeTime = TimeSpan.Zero;
        float[] upper = [];
        var size = 0;
        ProbeActivations? activations = null;
        if (probe != EpochProbe.None && double.IsFinite(trainingLoss))
        {
            clock.Restart();
            using var scope = NewDisposeScope();
            Tensor hidden;
            using (no_grad())
            {
                _network.eval();
                hidden = _network.ForwardWithHidden(_probeX).Hidden;
            }

            // CUDA kernels run asynchronously: without a barrier the probe's time would land in the connectome's.
            if (_device.type == DeviceType.CUDA)
            {
                cuda.synchronize(_device);
            }

            probeTime = clock.Elapsed;
            size = _kernel.Neurons;
            if (probe == EpochProbe.Activations)
            {
                activations = new ProbeActivations(hidden.DetachFromDisposeScope(), _kernel);
            }
            else
            {
                clock.Restart();
                upper = _kernel.UpperTriangle(hidden);
                connectomeTime = clock.Elapsed;
            }
        }

        double? validationLoss = null;
        double? validationAccuracy = null;
        var validationTime = TimeSpan.Zero;
        if (_validationX is not null && _validationY is not null)
        {
            clock.Restart();
            var result = Evaluate(_validationX, _validationY);
            validationLoss = result.Loss;
            validationAccuracy = result.Accuracy;
            validationTime = clock.Elapsed;
        }

        return new EpochSnapshot(
            _completedEpochs, trainingLoss, validationLoss, validationAccuracy, new EpochTimings(trainTime, probeTime, connectomeTime, validationTime), size, upper)
        {
            Activations = activations,
        };
    }

    /// <summary>Loss and accuracy on the test split.</summary>
    public EvaluationResult EvaluateTest()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Evaluate(_testX, _testY);
    }

    /// <summary>Writes model, optimiser, epoch and RNG state atomically to <paramref name="path"/>.</summary>
    public void SaveCheckpoint(string path)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var parameters = _parameters.Select(p => Blob(p.Name, p.Tensor)).ToArray();
        var slots = _optimizer.SlotNames
            .Select((name, s) => new TrainingCheckpoint.StateSlot(name, [.. _optimizer.Slot(s).Select((b, i) => b is null ? null : Blob(_parameters[i].Name, b))]))
            .ToArray();
        var buffers = _buffers.Select(b => Blob(b.Name, b.Tensor)).ToArray();
        new TrainingCheckpoint(Fingerprint(Settings), _completedEpochs, _shuffle.State, parameters, _optimizer.Steps, slots, buffers).WriteAtomically(path);
    }

    /// <summary>
    /// Puts this run back to the checkpoint at <paramref name="path"/> (written by <see cref="SaveCheckpoint"/> for the
    /// same settings) and returns its epoch: e.g. a model part-way through an epoch that was cancelled.
    /// </summary>
    /// <exception cref="CheckpointException">The checkpoint is corrupt, truncated, or was written for different settings.</exception>
    public int RestoreCheckpoint(string path)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var checkpoint = TrainingCheckpoint.Read(path);
        if (checkpoint.Fingerprint != Fingerprint(Settings))
        {
            throw new CheckpointException($"checkpoint {path} was written for different settings");
        }

        Restore(checkpoint, path);
        return checkpoint.Epoch;
    }

    /// <summary>A device-side copy of what a checkpoint now would hold (for a stop decided while the next epoch trains); the caller disposes it.</summary>
    /// <param name="neuralPersistence">
    /// Also keep the weights neural persistence reads, so <see cref="TrainingStateCopy.NeuralPersistenceWeights"/> can read them to the
    /// host off the training path. Those that are trainable parameters are already in the copy; any other is cloned as well.
    /// </param>
    public TrainingStateCopy CaptureState(bool neuralPersistence = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var noGrad = no_grad();
        static Tensor Clone(Tensor t) => t.detach().clone().DetachFromDisposeScope();
        var parameters = _parameters.Select(p => (p.Name, Clone(p.Tensor))).ToArray();
        var slots = _optimizer.SlotNames.Select((name, s) => (name, _optimizer.Slot(s).Select(t => t is null ? null : Clone(t)).ToArray())).ToArray();
        var buffers = _buffers.Select(b => (b.Name, Clone(b.Tensor))).ToArray();
        var layers = neuralPersistence
            ? _neuralPersistenceLayers.Select(l => l.Parameter is { } index
                ? new TrainingStateCopy.WeightLayer(l.Name, parameters[index].Item2, Owned: false)
                : new TrainingStateCopy.WeightLayer(l.Name, Clone(l.Weight), Owned: true)).ToArray()
            : null;
        return new TrainingStateCopy(Fingerprint(Settings), _completedEpochs, _shuffle.State, parameters, _optimizer.Steps, slots, buffers) { WeightLayers = layers };
    }

    /// <summary>Puts the run back to <paramref name="copy"/>'s epoch: weights, momentum, shuffle state and epoch count.</summary>
    public void RestoreState(TrainingStateCopy copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var noGrad = no_grad();
        for (var i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].Tensor.copy_(copy.Parameters[i].Tensor);
        }

        for (var s = 0; s < copy.Slots.Length; s++)
        {
            for (var i = 0; i < _parameters.Length; i++)
            {
                _optimizer.SetSlot(s, i, copy.Slots[s].Tensors[i]?.clone());
            }
        }

        for (var i = 0; i < _buffers.Length; i++)
        {
            _buffers[i].Tensor.copy_(copy.Buffers[i].Tensor);
        }

        _optimizer.Steps = copy.OptimizerSteps;
        _completedEpochs = copy.Epoch;
        _shuffle.State = copy.ShuffleState;
    }

    /// <summary>The fully connected layers' weight matrices on the host, input to output (for neural persistence).</summary>
    public IReadOnlyList<WeightMatrix> NeuralPersistenceWeights()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return [.. _network.NeuralPersistenceWeights().Select(layer => ToHost(layer.Name, layer.Weight))];
    }

    /// <summary>One weight matrix read to the host as float32, rows = outputs.</summary>
    internal static WeightMatrix ToHost(string name, Tensor tensor)
    {
        using var weight = tensor.detach().cpu();
        return new WeightMatrix(name, (int)weight.shape[0], (int)weight.shape[1], weight.data<float>().ToArray());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _optimizer.Dispose();
        _one.Dispose();
        _kernel.Dispose();
        foreach (var t in new[] { _trainX, _trainY, _validationX, _validationY, _testX, _testY, _probeX })
        {
            t?.Dispose();
        }

        _network.Dispose();
    }

    private double TrainOneEpoch(CancellationToken cancellationToken)
    {
        _network.train();
        var count = (int)_trainX.shape[0];
        var order = _shuffle.Permutation(count);
        using var epochScope = NewDisposeScope();
        using var total = zeros(1, ScalarType.Float64, _device);
        var index = tensor(order.Select(i => (long)i).ToArray(), ScalarType.Int64).to(_device);
        var x = _trainX.index_select(0, index);
        var y = _trainY.index_select(0, index);
        var onCpu = _device.type == DeviceType.CPU;
        double lossSum = 0;
        for (var start = 0; start < count; start += Settings.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var length = Math.Min(Settings.BatchSize, count - start);
            using var batchScope = NewDisposeScope();
            var logits = _network.forward(x.narrow(0, start, length));
            var loss = nn.functional.cross_entropy(logits, y.narrow(0, start, length));
            _network.ClearGradients();
            loss.backward();
            _optimizer.Step();
            if (onCpu)
            {
                lossSum += loss.item<float>() * (double)length;
            }
            else
            {
                // On a GPU, reading the loss every batch would synchronise; accumulate on the device instead.
                using var noGrad = no_grad();
                using var weight = ((double)length).ToScalar();
                total.add_(loss.detach().to_type(ScalarType.Float64), weight);
            }
        }

        return (onCpu ? lossSum : total.item<double>()) / count;
    }

    private EvaluationResult Evaluate(Tensor x, Tensor y)
    {
        _network.eval();
        var count = (int)x.shape[0];
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var lossSum = zeros(1, ScalarType.Float64, _device);
        var correct = zeros(1, ScalarType.Int64, _device);
        for (var start = 0; start < count; start += EvaluationBatch)
        {
            var length = Math.Min(EvaluationBatch, count - start);
            var logits = _network.forward(x.narrow(0, start, length));
            var target = y.narrow(0, start, length);
            lossSum.add_(nn.functional.cross_entropy(logits, target, reduction: nn.Reduction.Sum).to_type(ScalarType.Float64), _one);
            correct.add_(logits.argmax(1).eq(target).sum(), _one);
        }

        return new EvaluationResult(lossSum.item<double>() / count, (double)correct.item<long>() / count, count);
    }

    private (Tensor X, Tensor Y) ToDevice(LabelledImages images)
    {
        var x = tensor(images.Pixels, [images.Count, .. images.ItemShape.Select(d => (long)d)]);
        var y = tensor(images.Labels.Select(l => (long)l).ToArray(), ScalarType.Int64);
        if (_device.type == DeviceType.CPU)
        {
            return (x, y);
        }

        var (dx, dy) = (x.to(_device), y.to(_device));
        x.Dispose();
        y.Dispose();
        return (dx, dy);
    }

    private void Restore(TrainingCheckpoint checkpoint, string path)
    {
        if (checkpoint.Parameters.Count != _parameters.Length)
        {
            throw new CheckpointException($"checkpoint {path} holds {checkpoint.Parameters.Count} parameters; the model has {_parameters.Length}.");
        }

        if (!checkpoint.OptimizerSlots.Select(s => s.Name).SequenceEqual(_optimizer.SlotNames) || checkpoint.OptimizerSlots.Any(s => s.Tensors.Count != _parameters.Length))
        {
            throw new CheckpointException($"checkpoint {path} holds optimizer state [{string.Join(", ", checkpoint.OptimizerSlots.Select(s => s.Name))}]; {Settings.Optimizer} keeps [{string.Join(", ", _optimizer.SlotNames)}] for {_parameters.Length} parameters.");
        }

        if (checkpoint.ModelBuffers.Count != 0 && checkpoint.ModelBuffers.Count != _buffers.Length)
        {
            throw new CheckpointException($"checkpoint {path} holds {checkpoint.ModelBuffers.Count} model buffers; the model has {_buffers.Length}.");
        }

        using var noGrad = no_grad();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var (name, parameter) = _parameters[i];
            var blob = checkpoint.Parameters[i];
            if (blob.Name != name || !blob.Shape.SequenceEqual(parameter.shape))
            {
                throw new CheckpointException($"checkpoint {path}: parameter {i} is {blob.Name} [{string.Join(", ", blob.Shape)}] but the model has {name} [{string.Join(", ", parameter.shape)}].");
            }

            using (var source = tensor(blob.Values, blob.Shape))
            {
                parameter.copy_(source);
            }

            for (var slot = 0; slot < checkpoint.OptimizerSlots.Count; slot++)
            {
                var state = checkpoint.OptimizerSlots[slot].Tensors[i];
                if (state is not null && !state.Shape.SequenceEqual(parameter.shape))
                {
                    // A state tensor of another shape would only fail inside the optimizer's next step, as a Torch error.
                    throw new CheckpointException($"checkpoint {path}: optimizer slot {checkpoint.OptimizerSlots[slot].Name} of parameter {name} has shape [{string.Join(", ", state.Shape)}]; the parameter has [{string.Join(", ", parameter.shape)}].");
                }

                _optimizer.SetSlot(slot, i, state is null ? null : tensor(state.Values, state.Shape).to(_device));
            }
        }

        for (var i = 0; i < checkpoint.ModelBuffers.Count; i++)
        {
            var (name, buffer) = _buffers[i];
            var blob = checkpoint.ModelBuffers[i];
            if (blob.Name != name || !blob.Shape.SequenceEqual(buffer.shape))
            {
                throw new CheckpointException($"checkpoint {path}: buffer {i} is {blob.Name} [{string.Join(", ", blob.Shape)}] but the model has {name} [{string.Join(", ", buffer.shape)}].");
            }

            using var source = tensor(blob.Values, blob.Shape);
            buffer.copy_(source);
        }

        _optimizer.Steps = checkpoint.OptimizerSteps;

        _completedEpochs = checkpoint.Epoch;
        _shuffle.State = checkpoint.ShuffleState;
    }

    /// <summary>
    /// The trainable parameter that <paramref name="weight"/> is: the one named <c>NAME.weight</c> (how both the built-in
    /// networks and TorchScript models name a layer's weight) with the same shape and the same storage.
    /// </summary>
    private int? ParameterOf(string name, Tensor weight)
    {
        for (var i = 0; i < _parameters.Length; i++)
        {
            var (parameterName, parameter) = _parameters[i];
            if (parameterName == name + ".weight" && parameter.shape.SequenceEqual(weight.shape) && SameStorage(parameter, weight))
            {
                return i;
            }
        }

        return null;
    }

    private static bool SameStorage(Tensor a, Tensor b) =>
        a.dtype == ScalarType.Float32 && b.dtype == ScalarType.Float32 && a.storage_offset() == b.storage_offset() && a.storage<float>().data_ptr() == b.storage<float>().data_ptr();

    internal static TrainingCheckpoint.TensorBlob Blob(string name, Tensor t)
    {
        using var host = t.detach().cpu().to_type(ScalarType.Float32);
        return new TrainingCheckpoint.TensorBlob(name, [.. t.shape], host.data<float>().ToArray());
    }

    /// <summary>The settings that fix the trajectory (the device and data location may change on resume).</summary>
    /// <remarks>Settings added later appear only when not at their default, so older checkpoints still resume.</remarks>
    private static string Fingerprint(TrainingSettings s)
    {
        var fields = BaseFingerprint(s);
        if (s.Optimizer != OptimizerKinds.Sgd)
        {
            fields["optimizer"] = s.Optimizer;
            fields["betas"] = $"{s.Beta1.ToString("R", CultureInfo.InvariantCulture)},{s.Beta2.ToString("R", CultureInfo.InvariantCulture)}";
        }

        if (s.Nesterov)
        {
            fields["nesterov"] = "true";
        }

        if (!s.Schedule.IsConstant)
        {
            fields["schedule"] = s.Schedule.ToString();
            fields["horizon"] = s.ScheduleHorizon.ToString(CultureInfo.InvariantCulture);
        }

        return JsonSerializer.Serialize(fields);
    }

    private static SortedDictionary<string, string> BaseFingerprint(TrainingSettings s) => new()
    {
        ["dataset"] = s.Dataset,
        ["fraction"] = s.Fraction.ToString("R", CultureInfo.InvariantCulture),
        ["model"] = s.Model,
        ["lr"] = s.LearningRate.ToString("R", CultureInfo.InvariantCulture),
        ["momentum"] = s.Momentum.ToString("R", CultureInfo.InvariantCulture),
        ["batch"] = s.BatchSize.ToString(CultureInfo.InvariantCulture),
        ["weightDecay"] = s.WeightDecay.ToString("R", CultureInfo.InvariantCulture),
        ["seed"] = s.Seed.ToString(CultureInfo.InvariantCulture),
        ["probe"] = s.ProbeSize.ToString(CultureInfo.InvariantCulture),
        ["validation"] = s.ValidationFraction.ToString("R", CultureInfo.InvariantCulture),
        ["width"] = s.WidthMultiplier.ToString("R", CultureInfo.InvariantCulture),
        ["depth"] = s.ConvolutionsPerBlock.ToString(CultureInfo.InvariantCulture),
    };
}
