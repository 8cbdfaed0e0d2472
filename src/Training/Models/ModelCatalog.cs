namespace Orchestrator.Training.Models;

/// <summary>The networks by name, and the default network of each dataset.</summary>
public static class ModelCatalog
{
    /// <summary>All model names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mlp-fashion", "mlp-mnist", "mlp-small", "vgg-small"];

    /// <summary>True when <paramref name="name"/> is a known model.</summary>
    public static bool IsKnown(string name) => Names.Contains(name);

    /// <summary>The paper's network for <paramref name="dataset"/>.</summary>
    public static string DefaultFor(string dataset) => dataset switch
    {
        "fashion-mnist" => "mlp-fashion",
        "mnist" => "mlp-mnist",
        "cifar10" or "cifar100" => "vgg-small",
        _ => "mlp-small",
    };

    /// <summary>
    /// Builds <paramref name="name"/> for inputs of the given shape. <paramref name="widthMultiplier"/>
    /// scales every hidden width (at least 1 unit); <paramref name="depth"/> is the CNN's convolutions per block.
    /// </summary>
    public static ConnectomeNetwork Create(string name, int channels, int height, int width, int classes, double widthMultiplier = 1, int depth = 2)
    {
        if (!(widthMultiplier > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(widthMultiplier), widthMultiplier, "the width multiplier must be > 0.");
        }

        int Scale(int units) => Math.Max(1, (int)Math.Round(units * widthMultiplier));
        var inputs = channels * height * width;
        return name switch
        {
            "mlp-fashion" => new MultilayerPerceptron(name, inputs, [Scale(256), Scale(128)], classes),
            "mlp-mnist" => new MultilayerPerceptron(name, inputs, [Scale(128), Scale(64)], classes),
            "mlp-small" => new MultilayerPerceptron(name, inputs, [Scale(32), Scale(16)], classes),
            "vgg-small" => new VggNetwork(name, channels, height, classes, Scale(32), depth, (Scale(256), Scale(128))),
            _ => throw new ArgumentException($"unknown model '{name}' (known: {string.Join(", ", Names)}).", nameof(name)),
        };
    }
}
