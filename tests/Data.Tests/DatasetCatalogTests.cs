namespace Orchestrator.Data.Tests;

public sealed class DatasetCatalogTests
{
    [Fact]
    public void The_default_catalog_discovers_the_datasets_of_the_library()
    {
        Assert.Equal(["cifar10", "cifar100", "fashion-mnist", "mnist", "synthetic"], DatasetCatalog.Default.Names);
        Assert.All(DatasetCatalog.Default.Descriptors, d => Assert.False(string.IsNullOrWhiteSpace(d.Description), d.Name));
    }

    [Fact]
    public void A_dataset_defined_in_another_assembly_appears_when_that_assembly_is_discovered()
    {
        Assert.DoesNotContain("test-only-dataset", DatasetCatalog.Default.Names);
        var catalog = DatasetCatalog.Discover(typeof(DatasetDescriptor).Assembly, typeof(TestOnlyDataset).Assembly);

        Assert.Equal(DatasetCatalog.Default.Names.Append("test-only-dataset").Order(StringComparer.Ordinal), catalog.Names);
        using var dir = new TemporaryDirectory();
        Assert.Contains(catalog.Survey(dir.Path), a => a.Name == "test-only-dataset" && a.Available && a.Location == Path.Combine(dir.Path, "test-only"));
        var data = catalog.Load("test-only-dataset", dir.Path);
        Assert.Equal("test-only-dataset", data.Name);
        Assert.True(data.Train.Count > 0);
    }

    [Fact]
    public void Every_dataset_is_surveyed_once_in_name_order()
    {
        using var dir = new TemporaryDirectory();
        Assert.Equal(DatasetCatalog.Default.Names, DatasetCatalog.Default.Survey(dir.Path).Select(a => a.Name));
    }

    [Fact]
    public void A_dataset_missing_from_the_data_directory_says_where_it_was_looked_for_and_how_to_install_it()
    {
        using var dir = new TemporaryDirectory();
        var cifar = DatasetCatalog.Default.Availability("cifar10", dir.Path);
        Assert.False(cifar.Available);
        Assert.Equal(Path.Combine(dir.Path, CifarBinaryLoader.Cifar10Folder), cifar.Location);
        Assert.Contains(cifar.Location, cifar.InstallHint, StringComparison.Ordinal);
        var ex = Assert.Throws<DatasetFormatException>(() => DatasetCatalog.Default.Load("cifar100", dir.Path));
        Assert.Contains(Path.Combine(dir.Path, CifarBinaryLoader.Cifar100Folder), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_dataset_is_an_error_listing_the_known_ones()
    {
        Assert.False(DatasetCatalog.Default.IsKnown("imagenet"));
        var ex = Assert.Throws<ArgumentException>(() => DatasetCatalog.Default.Availability("imagenet"));
        Assert.Contains(string.Join(", ", DatasetCatalog.Default.Names), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_datasets_with_one_name_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DatasetCatalog([new TestOnlyDataset(), new TestOnlyDataset()]));
        Assert.Contains("test-only-dataset", ex.Message, StringComparison.Ordinal);
    }
}
