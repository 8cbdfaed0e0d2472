namespace Orchestrator.Data.Models;

/// <summary>The paper's Fashion-MNIST network: an MLP with hidden layers 256 and 128.</summary>
public sealed class MlpFashionModel : ModelDescriptor
{
    /// <inheritdoc />
    public override string Name => "mlp-fashion";

    /// <inheritdoc />
    public override string Description => "MLP 256-128, the paper's Fashion-MNIST network";

    /// <inheritdoc />
    public override IReadOnlyList<string> DefaultFor => ["fashion-mnist"];

    /// <inheritdoc />
    public override ModelArchitecture Architecture { get; } = new MultilayerPerceptronArchitecture([256, 128]);
}
