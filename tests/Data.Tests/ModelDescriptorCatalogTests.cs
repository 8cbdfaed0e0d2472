using Orchestrator.Data.Models;

namespace Orchestrator.Data.Tests;

public sealed class ModelDescriptorCatalogTests
{
    [Fact]
    public void The_default_catalog_discovers_the_models_of_the_library()
    {
        Assert.Equal(["mlp-fashion", "mlp-mnist", "mlp-small", "vgg-small"], ModelDescriptorCatalog.Default.Names);
        Assert.All(ModelDescriptorCatalog.Default.Descriptors, d => Assert.False(string.IsNullOrWhiteSpace(d.Description), d.Name));
    }

    [Theory]
    [InlineData("mlp-fashion", new[] { 256, 128 })]
    [InlineData("mlp-mnist", new[] { 128, 64 })]
    [InlineData("mlp-small", new[] { 32, 16 })]
    public void The_paper_mlps_keep_their_hidden_widths(string model, int[] hidden)
    {
        var architecture = Assert.IsType<MultilayerPerceptronArchitecture>(ModelDescriptorCatalog.Default.Find(model).Architecture);
        Assert.Equal(hidden, architecture.HiddenWidths);
    }

    [Fact]
    public void The_vgg_keeps_its_channels_and_fully_connected_widths()
    {
        var architecture = Assert.IsType<VggArchitecture>(ModelDescriptorCatalog.Default.Find("vgg-small").Architecture);
        Assert.Equal(new VggArchitecture(32, 256, 128), architecture);
    }

    [Theory]
    [InlineData("fashion-mnist", "mlp-fashion")]
    [InlineData("mnist", "mlp-mnist")]
    [InlineData("cifar10", "vgg-small")]
    [InlineData("cifar100", "vgg-small")]
    [InlineData("synthetic", "mlp-small")]
    [InlineData("a-dataset-no-model-claims", "mlp-small")]
    public void Each_dataset_defaults_to_the_paper_network(string dataset, string model) =>
        Assert.Equal(model, ModelDescriptorCatalog.Default.DefaultFor(dataset));

    [Fact]
    public void Every_dataset_of_the_catalog_has_a_default_model_of_the_catalog()
    {
        Assert.All(DatasetCatalog.Default.Names, d => Assert.True(ModelDescriptorCatalog.Default.IsKnown(ModelDescriptorCatalog.Default.DefaultFor(d)), d));
    }

    [Fact]
    public void An_unknown_model_is_an_error_listing_the_known_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => ModelDescriptorCatalog.Default.Find("resnet"));
        Assert.Contains(string.Join(", ", ModelDescriptorCatalog.Default.Names), ex.Message, StringComparison.Ordinal);
    }
}
