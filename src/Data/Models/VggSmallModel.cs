namespace Orchestrator.Data.Models;

/// <summary>The paper's CIFAR network: a small VGG with 32-64-128 channels and fully connected 256-128.</summary>
public sealed class VggSmallModel : ModelDescriptor
{
    /// <inheritdoc />
    public override string Name => "vgg-small";

    /// <inheritdoc />
    public override string Description => "small VGG, 32-64-128 channels then FC 256-128, the paper's CIFAR network";

    /// <inheritdoc />
    public override IReadOnlyList<string> DefaultFor => ["cifar10", "cifar100"];

    /// <inheritdoc />
    public override ModelArchitecture Architecture { get; } = new VggArchitecture(32, 256, 128);
}
