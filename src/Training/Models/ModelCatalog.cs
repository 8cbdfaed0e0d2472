using Orchestrator.Data.Models;

namespace Orchestrator.Training.Models;

/// <summary>
/// Builds the Torch network of a model in <see cref="ModelDescriptorCatalog"/> from its architecture: one
/// builder per architecture family, so a new model of an existing family needs no change here.
/// </summary>
public static class ModelCatalog
{
    /// <summary>The paper's network for <paramref name="dataset"/> (see <see cref="ModelDescriptorCatalog.DefaultFor"/>).</summary>
    public static string DefaultFor(string dataset) => ModelDescriptorCatalog.Default.DefaultFor(dataset);

    /// <summary>
    /// Builds <paramref name="name"/> for inputs of the given shape. <paramref name="widthMultiplier"/>
    /// scales every hidden width (at least 1 unit); <paramref name="depth"/> is the CNN's convolutions per block.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown model (the message lists the known ones) or architecture family.</exception>
    public static ConnectomeNetwork Create(string name, int channels, int height, int width, int classes, double widthMultiplier = 1, int depth = 2)
    {
        if (!(widthMultiplier > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(widthMultiplier), widthMultiplier, "the width multiplier must be > 0.");
        }

        var descriptor = ModelDescriptorCatalog.Default.Find(name);
        int Scale(int units) => Math.Max(1, (int)Math.Round(units * widthMultiplier));
        return descriptor.Architecture switch
        {
            MultilayerPerceptronArchitecture mlp =>
                new MultilayerPerceptron(descriptor.Name, channels * height * width, [.. mlp.HiddenWidths.Select(Scale)], classes),
            VggArchitecture vgg =>
                new VggNetwork(descriptor.Name, channels, height, classes, Scale(vgg.FirstBlockChannels), depth, (Scale(vgg.FirstHidden), Scale(vgg.SecondHidden))),
            var other => throw new ArgumentException(
                $"model '{descriptor.Name}' has architecture {other.GetType().Name}, which the training engine cannot build yet (add a case to {nameof(ModelCatalog)}).",
                nameof(name)),
        };
    }
}
