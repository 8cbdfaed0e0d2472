using System.IO.Compression;

namespace Orchestrator.Data.Numpy;

/// <summary>
/// Loads a <see cref="NumpyDatasetFiles"/> data set into a <see cref="DatasetSplit"/>, refusing, with the array's
/// name and the fix, everything a training could not use: a missing array, x/y lengths that differ, train and
/// test items of different shapes, non-integer or negative labels, NaN/∞ features, a header claiming more data
/// than the file holds. The number of classes is the largest label + 1.
/// </summary>
/// <remarks>
/// A <c>.npz</c> is a zip of <c>.npy</c> files: each member is streamed once through the framework's zip reader
/// (stored or deflated) into the converted array, so the peak memory is the float32 features, not the file.
/// </remarks>
public static class NumpyDatasetLoader
{
    /// <summary>Loads and checks the data set.</summary>
    /// <exception cref="DatasetFormatException">A file is missing or an array is unusable; the message says which and how to fix it.</exception>
    public static DatasetSplit Load(NumpyDatasetFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var (xTrain, xTrainShape, yTrain, xTest, xTestShape, yTest) = files.Archive is { } archive ? FromArchive(archive) : FromFiles(files.Arrays);
        var itemShape = xTrainShape[1..];
        if (!itemShape.SequenceEqual(xTestShape[1..]))
        {
            throw new DatasetFormatException($"x_train items have shape ({string.Join(", ", itemShape)}) but x_test items ({string.Join(", ", xTestShape[1..])}); both splits must share one item shape.");
        }

        CheckLengths("train", xTrainShape[0], yTrain.Length);
        CheckLengths("test", xTestShape[0], yTest.Length);
        var classes = Math.Max(yTrain.DefaultIfEmpty(0).Max(), yTest.DefaultIfEmpty(0).Max()) + 1;
        if (classes < 2)
        {
            throw new DatasetFormatException("y_train and y_test hold one class only; a classifier needs labels 0, 1, … of at least two classes.");
        }

        var shape = itemShape.Select(d => checked((int)d)).ToArray();
        var train = new LabelledImages(xTrain, yTrain, shape, classes);
        var test = new LabelledImages(xTest, yTest, shape, classes);
        var source = $"{files.DisplayName}: {train.Count:N0} train / {test.Count:N0} test items of shape ({string.Join(", ", shape)}), {classes} classes";
        return new DatasetSplit(files.ToString(), train, test, source);
    }

    private static void CheckLengths(string split, long items, int labels)
    {
        if (items != labels)
        {
            throw new DatasetFormatException($"x_{split} has {items:N0} items but y_{split} has {labels:N0} labels; they must be the same length.");
        }
    }

    private static (float[], long[], int[], float[], long[], int[]) FromArchive(string path)
    {
        if (!File.Exists(path))
        {
            throw new DatasetFormatException($"{path} does not exist; write it with numpy.savez(path, x_train=…, y_train=…, x_test=…, y_test=…).");
        }

        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException ex)
        {
            throw new DatasetFormatException($"{path} is not a .npz archive (not a zip file: {ex.Message}); write it with numpy.savez.", ex);
        }

        using (zip)
        {
            var missing = NumpyDatasetFiles.ArrayNames.Where(n => zip.GetEntry(n + ".npy") is null).ToArray();
            if (missing.Length > 0)
            {
                var present = string.Join(", ", zip.Entries.Select(e => Path.GetFileNameWithoutExtension(e.FullName)));
                throw new DatasetFormatException($"{path} lacks {string.Join(", ", missing)} (it holds: {present}); a data set needs x_train, y_train, x_test, y_test.");
            }

            (float[], long[]) Features(string array)
            {
                var entry = zip.GetEntry(array + ".npy")!;
                using var stream = entry.Open();
                var name = $"{path}:{array}";
                var header = NpyReader.ReadHeader(stream, entry.Length, name);
                CheckFeatureRank(header, name);
                return (NpyReader.ReadFeatures(stream, header, name), header.Shape);
            }

            int[] Labels(string array)
            {
                var entry = zip.GetEntry(array + ".npy")!;
                using var stream = entry.Open();
                var name = $"{path}:{array}";
                return NpyReader.ReadLabels(stream, NpyReader.ReadHeader(stream, entry.Length, name), name);
            }

            var (xTrain, xTrainShape) = Features("x_train");
            var yTrain = Labels("y_train");
            var (xTest, xTestShape) = Features("x_test");
            return (xTrain, xTrainShape, yTrain, xTest, xTestShape, Labels("y_test"));
        }
    }

    private static (float[], long[], int[], float[], long[], int[]) FromFiles(IReadOnlyDictionary<string, string> arrays)
    {
        var missing = NumpyDatasetFiles.ArrayNames.Where(n => !arrays.ContainsKey(n)).ToArray();
        if (missing.Length > 0)
        {
            throw new DatasetFormatException($"the data set names no file for {string.Join(", ", missing)}; give all of x_train, y_train, x_test, y_test.");
        }

        FileStream Open(string array)
        {
            var path = arrays[array];
            return File.Exists(path)
                ? File.OpenRead(path)
                : throw new DatasetFormatException($"{array}: {path} does not exist; write it with numpy.save.");
        }

        (float[], long[]) Features(string array)
        {
            using var stream = Open(array);
            var name = $"{array} ({arrays[array]})";
            var header = NpyReader.ReadHeader(stream, stream.Length, name);
            CheckFeatureRank(header, name);
            return (NpyReader.ReadFeatures(stream, header, name), header.Shape);
        }

        int[] Labels(string array)
        {
            using var stream = Open(array);
            var name = $"{array} ({arrays[array]})";
            return NpyReader.ReadLabels(stream, NpyReader.ReadHeader(stream, stream.Length, name), name);
        }

        var (xTrain, xTrainShape) = Features("x_train");
        var yTrain = Labels("y_train");
        var (xTest, xTestShape) = Features("x_test");
        return (xTrain, xTrainShape, yTrain, xTest, xTestShape, Labels("y_test"));
    }

    private static void CheckFeatureRank(NpyHeader header, string name)
    {
        if (header.Shape.Length < 2 || header.Shape.Skip(1).Any(d => d < 1))
        {
            throw new DatasetFormatException($"{name} has shape ({string.Join(", ", header.Shape)}); features must be [N, …] with at least one value per item, e.g. [N, D] or [N, C, H, W].");
        }
    }
}
