namespace Orchestrator.Data.Models;

/// <summary>The paper's MNIST network: an MLP with hidden layers 128 and 64.</summary>
public sealed class MlpMnistModel : ModelDescriptor
{
    /// <inheritdoc />
    public override string Name => "mlp-mnist";

    /// <inheritdoc />
    public override string Description => "MLP 128-64, the paper's MNIST network";

    /// <inheritdoc />
    public override IReadOnlyList<string> DefaultFor => ["mnist"];

    /// <inheritdoc />
    public override ModelArchitecture Architecture { get; } = new MultilayerPerceptronArchitecture([128, 64]);
}
