namespace Orchestrator.Data.Datasets;

/// <summary>
/// CIFAR-100 (fine labels) in its binary distribution, extracted to <c>&lt;data&gt;/cifar-100-binary</c>. It
/// cannot be downloaded here, so a missing copy says where to put it.
/// </summary>
public sealed class Cifar100Dataset : DatasetDescriptor
{
    /// <inheritdoc />
    public override string Name => "cifar100";

    /// <inheritdoc />
    public override string Description => "32×32 colour images, 100 fine classes, 50,000 train / 10,000 test (binary version)";

    /// <inheritdoc />
    public override DatasetAvailability Locate(string dataDirectory)
    {
        var local = Path.Combine(dataDirectory, CifarBinaryLoader.Cifar100Folder);
        return CifarBinaryLoader.IsComplete(local, cifar100: true)
            ? new(Name, true, local, "binary train/test, fine labels", string.Empty)
            : new(Name, false, local, "not downloadable here", $"copy the CIFAR-100 binary version (cifar-100-binary.tar.gz, extracted) to {local}");
    }

    /// <inheritdoc />
    public override DatasetSplit Load(DatasetAvailability found, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(found);
        return CifarBinaryLoader.LoadCifar100(found.Location);
    }
}
