namespace Orchestrator.Data.Datasets;

/// <summary>
/// CIFAR-10 in its binary distribution, extracted to <c>&lt;data&gt;/cifar-10-batches-bin</c>. It cannot be
/// downloaded here, so a missing copy says where to put it.
/// </summary>
public sealed class Cifar10Dataset : DatasetDescriptor
{
    /// <inheritdoc />
    public override string Name => "cifar10";

    /// <inheritdoc />
    public override string Description => "32×32 colour images, 10 classes, 50,000 train / 10,000 test (binary version)";

    /// <inheritdoc />
    public override DatasetAvailability Locate(string dataDirectory)
    {
        var local = Path.Combine(dataDirectory, CifarBinaryLoader.Cifar10Folder);
        return CifarBinaryLoader.IsComplete(local, cifar100: false)
            ? new(Name, true, local, "binary batches", string.Empty)
            : new(Name, false, local, "not downloadable here", $"copy the CIFAR-10 binary version (cifar-10-binary.tar.gz, extracted) to {local}");
    }

    /// <inheritdoc />
    public override DatasetSplit Load(DatasetAvailability found, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(found);
        return CifarBinaryLoader.LoadCifar10(found.Location);
    }
}
