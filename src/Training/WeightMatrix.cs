namespace Orchestrator.Training;

/// <summary>A fully connected layer's weight matrix copied to the host, row-major (out × in).</summary>
/// <param name="Layer">Layer name.</param>
/// <param name="Rows">Output units.</param>
/// <param name="Columns">Input units.</param>
/// <param name="Values">Rows × Columns weights.</param>
public sealed record WeightMatrix(string Layer, int Rows, int Columns, float[] Values);
