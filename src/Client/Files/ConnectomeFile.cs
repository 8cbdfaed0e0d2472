using Orchestrator.Topology;

namespace Orchestrator.Client.Files;

/// <summary>
/// Reads a connectome W from a matrix file: it must be square; only the strict upper triangle is read,
/// NaN entries count as 0 and ±∞ entries are errors naming the row and column (counted from 1).
/// </summary>
internal static class ConnectomeFile
{
    public static ConnectomeMatrix Read(string path, string option)
    {
        var matrix = MatrixFile.Read(path, option);
        if (matrix.Rows != matrix.Columns)
        {
            throw new InputException(
                $"{option} '{path}': the matrix is {matrix.Rows}×{matrix.Columns}; a connectome must be square (n×n).");
        }

        var n = matrix.Rows;
        var upper = new float[ConnectomeMatrix.UpperTriangleLength(n)];
        var k = 0;
        for (var i = 0; i < n; i++)
        {
            var row = matrix.Row(i);
            for (var j = i + 1; j < n; j++, k++)
            {
                if (float.IsInfinity(row[j]))
                {
                    throw new InputException(
                        $"{option} '{path}': row {i + 1}, column {j + 1} is {(row[j] > 0 ? "+inf" : "-inf")}; connectome weights must be finite (NaN counts as 0).");
                }

                upper[k] = row[j];
            }
        }

        return ConnectomeMatrix.FromUpperTriangle(upper);
    }
}
