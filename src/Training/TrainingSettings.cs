namespace Orchestrator.Training;

/// <summary>
/// Everything that determines one training run. Two runs with equal settings on CPU produce the
/// same trajectory.
/// </summary>
/// <param name="Dataset">Dataset name: <c>fashion-mnist</c>, <c>mnist</c>, <c>cifar10</c>, <c>cifar100</c>, or <c>synthetic</c> (tiny generated data for tests).</param>
/// <param name="Fraction">Stratified, seeded fraction of the training set used, in (0, 1].</param>
/// <param name="Model">Model name (e.g. <c>mlp-fashion</c>, <c>mlp-mnist</c>, <c>vgg-small</c>); see the model catalogue.</param>
/// <param name="LearningRate">SGD learning rate, &gt; 0.</param>
/// <param name="Momentum">SGD momentum in [0, 1).</param>
/// <param name="BatchSize">Mini-batch size, ≥ 1.</param>
/// <param name="WeightDecay">L2 weight decay, ≥ 0.</param>
/// <param name="Seed">Seed for the data subset, initialisation and shuffling.</param>
/// <param name="ProbeSize">Number of training images in the fixed probe set for connectomes.</param>
/// <param name="ValidationFraction">Part of the subset held out for validation loss (VL); 0 trains on all of it.</param>
/// <param name="Device"><c>cpu</c>, <c>cuda</c> or <c>auto</c>.</param>
public sealed record TrainingSettings(
    string Dataset,
    double Fraction,
    string Model,
    double LearningRate = 0.01,
    double Momentum = 0.9,
    int BatchSize = 50,
    double WeightDecay = 0,
    int Seed = 0,
    int ProbeSize = 1000,
    double ValidationFraction = 0,
    string Device = "cpu")
{
    /// <summary>Width multiplier for "architecture-limited" variants (1 = the paper's network).</summary>
    public double WidthMultiplier { get; init; } = 1;

    /// <summary>Directory with dataset files; null uses the default data directory.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Convolutions per block of the CNN (2 = the default network); ignored by the MLPs.</summary>
    public int ConvolutionsPerBlock { get; init; } = 2;

    /// <summary>Directory of a CUDA-enabled libtorch for <c>cuda</c>/<c>auto</c>; null uses <c>ORCHESTRATOR_LIBTORCH_DIR</c>.</summary>
    public string? LibTorchDirectory { get; init; }

    /// <summary>
    /// Which CUDA device to train on (a silo's <c>--gpus</c> pins one per trial); null uses the current
    /// device. Not part of a checkpoint's settings: a run may resume on another GPU or on the CPU.
    /// </summary>
    public int? CudaDeviceIndex { get; init; }

    /// <summary>The optimizer: <c>sgd</c> (the paper's), <c>adam</c> or <c>adamw</c> (see <see cref="Data.Optimization.OptimizerKinds"/>).</summary>
    public string Optimizer { get; init; } = Data.Optimization.OptimizerKinds.Sgd;

    /// <summary>Nesterov momentum for <c>sgd</c> (needs a momentum &gt; 0).</summary>
    public bool Nesterov { get; init; }

    /// <summary>Adam's β₁ (decay of the first moment), in [0, 1).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's β₂ (decay of the second moment), in [0, 1).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>The learning-rate schedule over epochs.</summary>
    public Data.Optimization.LearningRateSchedule Schedule { get; init; } = Data.Optimization.LearningRateSchedule.Constant;

    /// <summary>Directories whose TorchScript files and plugins this process may load; null for <see cref="Data.TrustedPath.DefaultTrustedDirectories"/>. Not part of a checkpoint's settings.</summary>
    public IReadOnlyList<string>? TrustedModelDirectories { get; init; }

    /// <summary>The epoch limit a cosine schedule anneals over (the trial's maximum epochs).</summary>
    public int ScheduleHorizon { get; init; } = 100;
}
