using Orchestrator.Data.Models;
using Orchestrator.Training.Models;

namespace Orchestrator.Training.Tests;

public sealed class ModelCatalogTests
{
    [Fact]
    public void Every_model_descriptor_builds_a_network_with_its_architecture()
    {
        foreach (var descriptor in ModelDescriptorCatalog.Default.Descriptors)
        {
            using var network = ModelCatalog.Create(descriptor.Name, 3, 32, 32, 10);
            Assert.Equal(descriptor.Name, network.GetName());
            switch (descriptor.Architecture)
            {
                case MultilayerPerceptronArchitecture mlp:
                    Assert.Equal(mlp.HiddenWidths, Assert.IsType<MultilayerPerceptron>(network).Hidden);
                    break;
                case VggArchitecture vgg:
                    Assert.IsType<VggNetwork>(network);
                    Assert.Equal(vgg.FirstHidden + vgg.SecondHidden, network.ConnectomeSize);
                    break;
                default:
                    Assert.Fail($"{descriptor.Name}: no builder for {descriptor.Architecture.GetType().Name}");
                    break;
            }
        }
    }

    [Fact]
    public void The_width_multiplier_scales_every_hidden_layer_of_the_descriptor()
    {
        using var network = Assert.IsType<MultilayerPerceptron>(ModelCatalog.Create("mlp-fashion", 1, 28, 28, 10, widthMultiplier: 0.5));
        Assert.Equal([128, 64], network.Hidden);
    }

    [Fact]
    public void An_unknown_model_lists_the_known_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => ModelCatalog.Create("resnet", 1, 28, 28, 10));
        Assert.Contains(string.Join(", ", ModelDescriptorCatalog.Default.Names), ex.Message, StringComparison.Ordinal);
    }
}
