using System.Collections.Immutable;

namespace Orchestrator.Data.Models;

/// <summary>A fully connected network input → hidden… → classes; the connectome is every hidden layer.</summary>
/// <param name="HiddenWidths">Units of each hidden layer, input side first.</param>
public sealed record MultilayerPerceptronArchitecture(ImmutableArray<int> HiddenWidths) : ModelArchitecture
{
    /// <inheritdoc />
    public override string Summary => "MLP " + string.Join('-', HiddenWidths);
}
