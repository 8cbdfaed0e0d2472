namespace Orchestrator.Data;

/// <summary>Fashion-MNIST (and official MNIST) from the four IDX files, gzip or plain.</summary>
public static class IdxDatasetLoader
{
    private static readonly string[] _fileStems =
    [
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
    ];

    /// <summary>The path of <paramref name="stem"/> in <paramref name="directory"/> (plain or .gz), or null.</summary>
    public static string? Find(string directory, string stem)
    {
        foreach (var candidate in new[] { stem + ".gz", stem })
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>True when all four IDX files are in <paramref name="directory"/>.</summary>
    public static bool IsComplete(string directory) => _fileStems.All(s => Find(directory, s) is not null);

    /// <summary>Loads the four IDX files of <paramref name="directory"/> as a 10-class dataset.</summary>
    /// <exception cref="DatasetFormatException">A file is missing or malformed.</exception>
    public static DatasetSplit Load(string name, string directory)
    {
        string Need(string stem) =>
            Find(directory, stem) ?? throw new DatasetFormatException($"{name}: {Path.Combine(directory, stem)}[.gz] not found.");

        var trainImages = Need(_fileStems[0]);
        var trainLabels = Need(_fileStems[1]);
        var testImages = Need(_fileStems[2]);
        var testLabels = Need(_fileStems[3]);
        var train = LabelledImages.FromIdx(IdxReader.ReadFile(trainImages, 3), IdxReader.ReadFile(trainLabels, 1), 10, trainImages);
        var test = LabelledImages.FromIdx(IdxReader.ReadFile(testImages, 3), IdxReader.ReadFile(testLabels, 1), 10, testImages);
        return new DatasetSplit(name, train, test, $"IDX files in {directory} ({train.Count} train / {test.Count} test)");
    }
}
