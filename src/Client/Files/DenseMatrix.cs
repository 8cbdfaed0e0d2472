namespace Orchestrator.Client.Files;

/// <summary>A matrix read from or written to a file: <see cref="Rows"/> × <see cref="Columns"/> single-precision values, row-major.</summary>
internal sealed record DenseMatrix(int Rows, int Columns, float[] Values)
{
    public float this[int row, int column] => Values[((long)row * Columns) + column];

    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Columns, Columns);
}
