using Orchestrator.Data;

namespace Orchestrator.Data.Tests;

public sealed class IdxReaderTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reads_dimensions_big_endian_and_values_from_gzip_and_plain_files(bool gzip)
    {
        using var dir = new TemporaryDirectory();
        var values = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)i).ToArray();
        var path = dir.File("x.idx");
        IdxFiles.Write(path, IdxFiles.Encode(8, [2, 3, 4], values), gzip);

        var array = IdxReader.ReadFile(path, 3);

        Assert.Equal([2, 3, 4], array.Dimensions);
        Assert.Equal(values, array.Values);
        Assert.Equal(12, array.ItemLength);
    }

    [Fact]
    public void Truncated_file_is_a_clear_error()
    {
        using var dir = new TemporaryDirectory();
        var content = IdxFiles.Encode(8, [10, 28, 28], new byte[10 * 28 * 28]);
        var path = dir.File("truncated.gz");
        IdxFiles.Write(path, content[..(content.Length - 100)], gzip: true);

        var ex = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadFile(path, 3));
        Assert.Contains("truncated", ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Corrupt_gzip_stream_is_a_clear_error()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("corrupt.gz");
        IdxFiles.Write(path, IdxFiles.Encode(8, [100], new byte[100]), gzip: true);
        var bytes = File.ReadAllBytes(path);
        for (var i = 10; i < bytes.Length - 8; i++)
        {
            bytes[i] = 0xFF;
        }

        File.WriteAllBytes(path, bytes);

        var ex = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadFile(path, 1));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Wrong_magic_is_rejected()
    {
        using var dir = new TemporaryDirectory();
        var content = IdxFiles.Encode(8, [4], new byte[4]);
        content[0] = 0x1A;
        var path = dir.File("bad");
        File.WriteAllBytes(path, content);

        var ex = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadFile(path, 1));
        Assert.Contains("magic", ex.Message);
    }

    [Fact]
    public void Labels_file_given_where_images_are_expected_is_rejected_by_rank()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("labels");
        File.WriteAllBytes(path, IdxFiles.Encode(8, [4], new byte[4]));

        var ex = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadFile(path, 3));
        Assert.Contains("rank 1", ex.Message);
    }

    [Fact]
    public void Trailing_bytes_beyond_the_declared_size_are_rejected()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("long");
        File.WriteAllBytes(path, [.. IdxFiles.Encode(8, [4], new byte[4]), 7]);

        Assert.Throws<DatasetFormatException>(() => IdxReader.ReadFile(path, 1));
    }

    [Fact]
    public void Image_and_label_counts_must_agree()
    {
        using var dir = new TemporaryDirectory();
        IdxFiles.WriteDataset(dir.Path, 20, 10, gzip: true);
        IdxFiles.Write(dir.File("t10k-labels-idx1-ubyte.gz"), IdxFiles.Encode(8, [9], new byte[9]), gzip: true);

        var ex = Assert.Throws<DatasetFormatException>(() => IdxDatasetLoader.Load("fashion-mnist", dir.Path));
        Assert.Contains("10 images but 9 labels", ex.Message);
    }

    [Fact]
    public void Idx_dataset_scales_pixels_to_unit_interval_and_keeps_labels()
    {
        using var dir = new TemporaryDirectory();
        IdxFiles.WriteDataset(dir.Path, 20, 10, gzip: false);

        var data = IdxDatasetLoader.Load("mnist", dir.Path);

        Assert.Equal(20, data.Train.Count);
        Assert.Equal(10, data.Test.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i % 10), data.Train.Labels);
        Assert.Equal(250 / 255f, data.Train.Pixels[250]);
        Assert.Equal(0f, data.Train.Pixels[251]);
    }

    [Fact]
    public void Real_fashion_mnist_from_debian_has_the_documented_shape()
    {
        Assert.SkipUnless(IdxDatasetLoader.IsComplete(DataDirectory.DebianFashionMnist), "dataset-fashion-mnist is not installed (scripts/bootstrap.sh --with datasets)");
        var data = DatasetCatalog.Default.Load("fashion-mnist");

        Assert.Equal(60000, data.Train.Count);
        Assert.Equal(10000, data.Test.Count);
        Assert.Equal(784, data.Train.ItemLength);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(6000, data.Train.Labels.Count(l => l == c)));
    }
}
