namespace Orchestrator.Topology;

/// <summary>
/// The weights of one fully connected layer, as PyTorch stores them: <paramref name="Outputs"/> rows by
/// <paramref name="Inputs"/> columns, row-major. Biases play no part in neural persistence.
/// </summary>
/// <param name="Inputs">Neurons of layer k (|V_k|).</param>
/// <param name="Outputs">Neurons of layer k + 1 (|V_{k+1}|).</param>
/// <param name="Weights">Outputs × Inputs weights, row-major.</param>
public sealed record NeuralPersistenceLayer(int Inputs, int Outputs, float[] Weights);
