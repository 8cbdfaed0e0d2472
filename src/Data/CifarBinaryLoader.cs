namespace Orchestrator.Data;

/// <summary>
/// CIFAR-10 and CIFAR-100 in their binary distribution format: fixed-size records of label byte(s)
/// followed by 3072 pixel bytes (1024 red, 1024 green, 1024 blue, each 32 × 32 row-major).
/// CIFAR-10: <c>cifar-10-batches-bin/data_batch_1..5.bin</c> and <c>test_batch.bin</c>, one label byte.
/// CIFAR-100: <c>cifar-100-binary/train.bin</c> and <c>test.bin</c>, a coarse then a fine label byte
/// (the fine, 100-class label is used).
/// </summary>
public static class CifarBinaryLoader
{
    /// <summary>Pixel bytes per image.</summary>
    public const int ImageBytes = 3 * 32 * 32;

    /// <summary>Directory name of CIFAR-10 under the data directory.</summary>
    public const string Cifar10Folder = "cifar-10-batches-bin";

    /// <summary>Directory name of CIFAR-100 under the data directory.</summary>
    public const string Cifar100Folder = "cifar-100-binary";

    /// <summary>The CIFAR-10 training batch files.</summary>
    public static IReadOnlyList<string> Cifar10TrainFiles { get; } = [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")];

    /// <summary>True when all files of the dataset are in <paramref name="directory"/>.</summary>
    public static bool IsComplete(string directory, bool cifar100) =>
        (cifar100 ? new[] { "train.bin", "test.bin" } : [.. Cifar10TrainFiles, "test_batch.bin"]).All(f => File.Exists(Path.Combine(directory, f)));

    /// <summary>Loads CIFAR-10 from <paramref name="directory"/>.</summary>
    public static DatasetSplit LoadCifar10(string directory)
    {
        var train = ReadRecords(Cifar10TrainFiles.Select(f => Path.Combine(directory, f)), 1, 10);
        var test = ReadRecords([Path.Combine(directory, "test_batch.bin")], 1, 10);
        return new DatasetSplit("cifar10", train, test, $"CIFAR-10 binary files in {directory} ({train.Count} train / {test.Count} test)");
    }

    /// <summary>Loads CIFAR-100 (fine labels) from <paramref name="directory"/>.</summary>
    public static DatasetSplit LoadCifar100(string directory)
    {
        var train = ReadRecords([Path.Combine(directory, "train.bin")], 2, 100);
        var test = ReadRecords([Path.Combine(directory, "test.bin")], 2, 100);
        return new DatasetSplit("cifar100", train, test, $"CIFAR-100 binary files in {directory} ({train.Count} train / {test.Count} test, fine labels)");
    }

    /// <summary>Reads records of <paramref name="labelBytes"/> label bytes (the last is used) + 3072 pixels.</summary>
    /// <exception cref="DatasetFormatException">A file is missing, its length is not a whole number of records, or a label is out of range.</exception>
    public static LabelledImages ReadRecords(IEnumerable<string> files, int labelBytes, int classes)
    {
        ArgumentNullException.ThrowIfNull(files);
        var recordLength = labelBytes + ImageBytes;
        var pixels = new List<float>();
        var labels = new List<int>();
        foreach (var path in files)
        {
            if (!File.Exists(path))
            {
                throw new DatasetFormatException($"{path}: file not found.");
            }

            var bytes = File.ReadAllBytes(path);
            if (bytes.Length == 0 || bytes.Length % recordLength != 0)
            {
                throw new DatasetFormatException(
                    $"{path}: {bytes.Length} bytes is not a whole number of {recordLength}-byte records ({labelBytes} label byte(s) + {ImageBytes} pixels); the file is truncated or not CIFAR-{classes}.");
            }

            for (var offset = 0; offset < bytes.Length; offset += recordLength)
            {
                for (var b = 0; b < labelBytes; b++)
                {
                    var limit = b == labelBytes - 1 ? classes : 20;
                    if (bytes[offset + b] >= limit)
                    {
                        throw new DatasetFormatException($"{path}: record {offset / recordLength} has label {bytes[offset + b]} outside 0..{limit - 1}.");
                    }
                }

                labels.Add(bytes[offset + labelBytes - 1]);
                for (var p = 0; p < ImageBytes; p++)
                {
                    pixels.Add(bytes[offset + labelBytes + p] / 255f);
                }
            }
        }

        return new LabelledImages(pixels.ToArray(), labels.ToArray(), 3, 32, 32, classes);
    }
}
