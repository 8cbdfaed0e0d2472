namespace Orchestrator.Contracts;

/// <summary>
/// The weight matrix of one fully connected layer (biases excluded), sent with an epoch snapshot only
/// when the trial's criterion reads neural persistence. Values travel as bytes (float32, row-major
/// <see cref="Outputs"/> × <see cref="Inputs"/>): arrays of primitives serialise far faster that way.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record LayerWeights
{
    /// <summary>The layer's name in the model.</summary>
    [Id(0)]
    public string Name { get; init; } = string.Empty;

    /// <summary>Neurons feeding the layer.</summary>
    [Id(1)]
    public int Inputs { get; init; }

    /// <summary>Neurons of the layer.</summary>
    [Id(2)]
    public int Outputs { get; init; }

    /// <summary>The weights as float32 bytes, row-major outputs × inputs.</summary>
    [Id(3)]
    public byte[] Values { get; init; } = [];
}
