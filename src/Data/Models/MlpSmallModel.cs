namespace Orchestrator.Data.Models;

/// <summary>A small MLP (hidden 32 and 16) for fast runs: the default of every dataset no other model claims.</summary>
public sealed class MlpSmallModel : ModelDescriptor
{
    /// <inheritdoc />
    public override string Name => "mlp-small";

    /// <inheritdoc />
    public override string Description => "MLP 32-16, small and fast (synthetic data, smoke tests)";

    /// <inheritdoc />
    public override bool IsFallbackDefault => true;

    /// <inheritdoc />
    public override ModelArchitecture Architecture { get; } = new MultilayerPerceptronArchitecture([32, 16]);
}
