using Orchestrator.Data.Numpy;
using Orchestrator.TestData;

namespace Orchestrator.Data.Tests;

public sealed class NumpyDatasetLoaderTests
{
    [Fact]
    public void An_npz_of_uint8_features_loads_scaled_to_unit_range_with_classes_from_the_labels()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("data.npz");
        NpyFiles.Archive(path, NpyFiles.Separable(train: 60, test: 30, features: 16, classes: 3));

        var split = NumpyDatasetLoader.Load(NumpyDatasetFiles.FromArchive(path));

        Assert.Equal(60, split.Train.Count);
        Assert.Equal(30, split.Test.Count);
        Assert.Equal(3, split.Train.Classes);
        Assert.Equal([16], split.Train.ItemShape);
        Assert.All(split.Train.Pixels, v => Assert.InRange(v, 0f, 1f));
        Assert.Contains(split.Train.Pixels, v => v > 0.5f);
        Assert.Equal([0, 1, 2, 0], split.Train.Labels[..4]);
    }

    [Fact]
    public void Image_shaped_float_arrays_keep_their_item_shape_and_values()
    {
        using var dir = new TemporaryDirectory();
        var x = Enumerable.Range(0, 4 * 2 * 3 * 3).Select(i => i * 0.5f - 3).ToArray();
        var files = new Dictionary<string, byte[]>
        {
            ["x_train"] = NpyFiles.Array("<f4", [4, 2, 3, 3], x),
            ["y_train"] = NpyFiles.Array("|u1", [4], new byte[] { 0, 1, 1, 0 }),
            ["x_test"] = NpyFiles.Array("<f4", [4, 2, 3, 3], x),
            ["y_test"] = NpyFiles.Array("<i4", [4], new[] { 1, 0, 0, 1 }),
        };
        var arrays = files.ToDictionary(f => f.Key, f => dir.File(f.Key + ".npy"));
        foreach (var (name, bytes) in files)
        {
            File.WriteAllBytes(arrays[name], bytes);
        }

        var split = NumpyDatasetLoader.Load(new NumpyDatasetFiles(null, arrays));

        Assert.Equal([2, 3, 3], split.Train.ItemShape);
        Assert.Equal(x, split.Train.Pixels);
        Assert.Equal(2, split.Test.Classes);
    }

    [Fact]
    public void Canonical_text_round_trips_for_an_archive_and_for_separate_files()
    {
        var archive = NumpyDatasetFiles.FromArchive("/data/a.npz");
        Assert.Equal(archive.ToString(), NumpyDatasetFiles.Parse(archive.ToString()).ToString());
        var files = new NumpyDatasetFiles(null, new Dictionary<string, string> { ["y_test"] = "/d/yt.npy", ["x_train"] = "/d/x.npy" });
        Assert.StartsWith("npy:{\"x_train\"", files.ToString(), StringComparison.Ordinal);
        Assert.Equal(files.ToString(), NumpyDatasetFiles.Parse(files.ToString()).ToString());
        Assert.True(DatasetSource.IsKnown(files.ToString()));
    }

    public static TheoryData<string, string> BadArrays => new()
    {
        { "missing", "lacks y_test" },
        { "lengths", "x_train has 6 items but y_train has 5 labels" },
        { "negative", "label -1 at index 2" },
        { "fraction", "label 1.5 at index 1 is not an integer" },
        { "nan", "non-finite value (NaN) at flat index 3" },
        { "infinity", "non-finite value" },
        { "truncated", "the header claims shape (6, 4)" },
        { "fortran", "Fortran order" },
        { "bigendian", "element type '>f4'" },
        { "shape", "x_train items have shape (4) but x_test items (2)" },
        { "rank", "features must be [N, …]" },
        { "notnpy", "not a NumPy .npy array" },
    };

    [Theory]
    [MemberData(nameof(BadArrays))]
    public void Every_unusable_array_is_refused_naming_it_and_the_fix(string problem, string message)
    {
        using var dir = new TemporaryDirectory();
        var x = Enumerable.Range(0, 24).Select(i => i / 24f).ToArray();
        var arrays = new Dictionary<string, byte[]>
        {
            ["x_train"] = NpyFiles.Array("<f4", [6, 4], x),
            ["y_train"] = NpyFiles.Array("<i8", [6], new long[] { 0, 1, 0, 1, 0, 1 }),
            ["x_test"] = NpyFiles.Array("<f4", [6, 4], x),
            ["y_test"] = NpyFiles.Array("<i8", [6], new long[] { 0, 1, 0, 1, 0, 1 }),
        };
        switch (problem)
        {
            case "missing": arrays.Remove("y_test"); break;
            case "lengths": arrays["y_train"] = NpyFiles.Array("<i8", [5], new long[] { 0, 1, 0, 1, 0 }); break;
            case "negative": arrays["y_train"] = NpyFiles.Array("<i8", [6], new long[] { 0, 1, -1, 1, 0, 1 }); break;
            case "fraction": arrays["y_train"] = NpyFiles.Array("<f8", [6], new[] { 0, 1.5, 0, 1, 0, 1 }); break;
            case "nan": x[3] = float.NaN; arrays["x_train"] = NpyFiles.Array("<f4", [6, 4], x); break;
            case "infinity": x[0] = float.PositiveInfinity; arrays["x_test"] = NpyFiles.Array("<f4", [6, 4], x); break;
            case "truncated": arrays["x_train"] = arrays["x_train"][..^8]; break;
            case "fortran": arrays["x_train"] = NpyFiles.Array("<f4", [6, 4], x, fortranOrder: true); break;
            case "bigendian": arrays["x_train"] = NpyFiles.Array(">f4", [6, 4], x); break;
            case "shape": arrays["x_test"] = NpyFiles.Array("<f4", [12, 2], x); arrays["y_test"] = NpyFiles.Array("<i8", [12], new long[12]); break;
            case "rank": arrays["x_train"] = NpyFiles.Array("<f4", [24], x); break;
            case "notnpy": arrays["x_train"] = "just text, not an array"u8.ToArray(); break;
        }

        var path = dir.File("bad.npz");
        NpyFiles.Archive(path, arrays);
        var ex = Assert.Throws<DatasetFormatException>(() => NumpyDatasetLoader.Load(NumpyDatasetFiles.FromArchive(path)));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void A_missing_archive_or_a_file_that_is_not_a_zip_is_refused_saying_how_to_write_one()
    {
        using var dir = new TemporaryDirectory();
        Assert.Contains("numpy.savez", Assert.Throws<DatasetFormatException>(() => NumpyDatasetLoader.Load(NumpyDatasetFiles.FromArchive(dir.File("none.npz")))).Message);
        File.WriteAllText(dir.File("text.npz"), "hello");
        Assert.Contains("not a .npz archive", Assert.Throws<DatasetFormatException>(() => NumpyDatasetLoader.Load(NumpyDatasetFiles.FromArchive(dir.File("text.npz")))).Message);
    }
}
