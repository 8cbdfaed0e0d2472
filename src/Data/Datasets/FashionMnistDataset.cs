namespace Orchestrator.Data.Datasets;

/// <summary>
/// Fashion-MNIST: IDX files in <c>&lt;data&gt;/fashion-mnist</c>, else Debian's <c>dataset-fashion-mnist</c>
/// in <see cref="DataDirectory.DebianFashionMnist"/>.
/// </summary>
public sealed class FashionMnistDataset : DatasetDescriptor
{
    /// <inheritdoc />
    public override string Name => "fashion-mnist";

    /// <inheritdoc />
    public override string Description => "Zalando's 28×28 greyscale clothing images, 10 classes, 60,000 train / 10,000 test";

    /// <inheritdoc />
    public override DatasetAvailability Locate(string dataDirectory)
    {
        var local = Path.Combine(dataDirectory, "fashion-mnist");
        var found = IdxDatasetLoader.IsComplete(local) ? local
            : IdxDatasetLoader.IsComplete(DataDirectory.DebianFashionMnist) ? DataDirectory.DebianFashionMnist : null;
        return found is not null
            ? new(Name, true, found, "IDX (gzip), 60,000 train / 10,000 test", string.Empty)
            : new(Name, false, DataDirectory.DebianFashionMnist, "Debian package dataset-fashion-mnist not installed", DataDirectory.InstallCommand);
    }

    /// <inheritdoc />
    public override DatasetSplit Load(DatasetAvailability found, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(found);
        return IdxDatasetLoader.Load(Name, found.Location);
    }
}
