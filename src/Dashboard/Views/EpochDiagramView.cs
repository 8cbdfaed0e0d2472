using Orchestrator.Topology;

namespace Orchestrator.Dashboard.Views;

/// <summary>
/// One epoch's connectome as the trial page draws it: the birth–death decomposition (every birth, the n−1
/// maximum-spanning-tree weights, and the death set as <see cref="DeathQuantiles"/> evenly spaced quantiles,
/// because at n = 384 it holds 73,153 values) and the heat map, block-averaged to at most
/// <see cref="HeatMapSide"/> × <see cref="HeatMapSide"/> cells.
/// </summary>
public sealed record EpochDiagramView(int Epoch, int Size, float[] Births, int DeathCount, float[] Deaths, int HeatMapBlock, float[][] HeatMap)
{
    public const int HeatMapSide = 128;

    public const int DeathQuantiles = 257;

    public static EpochDiagramView Of(int epoch, float[] upperTriangle)
    {
        ArgumentNullException.ThrowIfNull(upperTriangle);
        var decomposition = BirthDeathDecomposition.OfUpperTriangle(upperTriangle);
        var births = decomposition.Births.Order().ToArray();
        var sortedDeaths = decomposition.Deaths.Order().ToArray();
        var deaths = sortedDeaths.Length <= DeathQuantiles
            ? sortedDeaths
            : Enumerable.Range(0, DeathQuantiles).Select(q => sortedDeaths[(int)((long)q * (sortedDeaths.Length - 1) / (DeathQuantiles - 1))]).ToArray();
        var matrix = ConnectomeMatrix.FromUpperTriangle(upperTriangle);
        var (block, heat) = BlockAverage(matrix);
        return new EpochDiagramView(epoch, matrix.Size, births, sortedDeaths.Length, deaths, block, heat);
    }

    private static (int Block, float[][] Cells) BlockAverage(ConnectomeMatrix matrix)
    {
        var n = matrix.Size;
        var block = (n + HeatMapSide - 1) / HeatMapSide;
        var side = (n + block - 1) / block;
        var cells = new float[side][];
        for (var bi = 0; bi < side; bi++)
        {
            cells[bi] = new float[side];
            for (var bj = 0; bj < side; bj++)
            {
                double sum = 0;
                var count = 0;
                for (var i = bi * block; i < Math.Min(n, (bi + 1) * block); i++)
                {
                    for (var j = bj * block; j < Math.Min(n, (bj + 1) * block); j++)
                    {
                        sum += matrix[i, j];
                        count++;
                    }
                }

                cells[bi][bj] = MathF.Round((float)(sum / count), 4);
            }
        }

        return (block, cells);
    }
}
