namespace Orchestrator.Topology;

/// <summary>Rows of a pinned dense row-major n × n matrix: both halves of row u are the row itself.</summary>
internal readonly unsafe struct DenseRows(float* matrix, int n) : IPrimRows
{
    private readonly float* _matrix = matrix;
    private readonly int _n = n;

    /// <inheritdoc />
    public float* Below(int u) => _matrix + ((long)u * _n);

    /// <inheritdoc />
    public float* Above(int u) => _matrix + ((long)u * _n);
}
