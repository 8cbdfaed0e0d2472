using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Orchestrator.Topology;

/// <summary>
/// The |Gram| product of standardised panels, W[i,j] = min(1, |Σ_s z[s,i] z[s,j]|), written into a
/// dense symmetric matrix. A register-blocked double-precision kernel: each tile is 4 neurons (one
/// panel, broadcast) × 12 neurons (<see cref="TilePanels"/> panels, three vectors), i.e. 12 FMA
/// accumulators that stay in registers over all samples; tiles of the upper triangle only, spread over
/// all cores.
/// </summary>
internal static class CorrelationKernel
{
    /// <summary>Panels per tile column block.</summary>
    public const int TilePanels = 3;

    /// <summary>Fills the off-diagonal entries of <paramref name="weights"/> (n × n, row-major, pre-zeroed).</summary>
    public static void AbsoluteCorrelations(StandardisedPanels panels, float[] weights)
    {
        var panelCount = panels.PanelCount;
        Parallel.For(
            0,
            panelCount,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            rowPanel =>
            {
                Span<double> tile = stackalloc double[StandardisedPanels.Width * TilePanels * StandardisedPanels.Width];
                for (var columnPanel = rowPanel; columnPanel < panelCount; columnPanel += TilePanels)
                {
                    Tile(panels, rowPanel, columnPanel, tile);
                    Store(tile, panels.Neurons, rowPanel, columnPanel, weights);
                }
            });
    }

    private static unsafe void Tile(StandardisedPanels panels, int rowPanel, int columnPanel, Span<double> tile)
    {
        var samples = panels.Samples;
        var panelLength = (long)samples * StandardisedPanels.Width;
        fixed (double* basePointer = panels.Values)
        {
            var a = basePointer + (rowPanel * panelLength);
            var b0 = basePointer + (columnPanel * panelLength);
            var b1 = b0 + panelLength;
            var b2 = b1 + panelLength;
            Vector256<double> c00 = default, c01 = default, c02 = default;
            Vector256<double> c10 = default, c11 = default, c12 = default;
            Vector256<double> c20 = default, c21 = default, c22 = default;
            Vector256<double> c30 = default, c31 = default, c32 = default;
            for (var s = 0; s < samples; s++)
            {
                var offset = s * StandardisedPanels.Width;
                var x0 = Vector256.Load(b0 + offset);
                var x1 = Vector256.Load(b1 + offset);
                var x2 = Vector256.Load(b2 + offset);
                var a0 = Vector256.Create(a[offset]);
                var a1 = Vector256.Create(a[offset + 1]);
                var a2 = Vector256.Create(a[offset + 2]);
                var a3 = Vector256.Create(a[offset + 3]);
                c00 = MultiplyAdd(a0, x0, c00);
                c01 = MultiplyAdd(a0, x1, c01);
                c02 = MultiplyAdd(a0, x2, c02);
                c10 = MultiplyAdd(a1, x0, c10);
                c11 = MultiplyAdd(a1, x1, c11);
                c12 = MultiplyAdd(a1, x2, c12);
                c20 = MultiplyAdd(a2, x0, c20);
                c21 = MultiplyAdd(a2, x1, c21);
                c22 = MultiplyAdd(a2, x2, c22);
                c30 = MultiplyAdd(a3, x0, c30);
                c31 = MultiplyAdd(a3, x1, c31);
                c32 = MultiplyAdd(a3, x2, c32);
            }

            c00.CopyTo(tile[0..]);
            c01.CopyTo(tile[4..]);
            c02.CopyTo(tile[8..]);
            c10.CopyTo(tile[12..]);
            c11.CopyTo(tile[16..]);
            c12.CopyTo(tile[20..]);
            c20.CopyTo(tile[24..]);
            c21.CopyTo(tile[28..]);
            c22.CopyTo(tile[32..]);
            c30.CopyTo(tile[36..]);
            c31.CopyTo(tile[40..]);
            c32.CopyTo(tile[44..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : (a * b) + c;

    private static void Store(ReadOnlySpan<double> tile, int n, int rowPanel, int columnPanel, float[] weights)
    {
        const int columns = StandardisedPanels.Width * TilePanels;
        for (var r = 0; r < StandardisedPanels.Width; r++)
        {
            var i = (rowPanel * StandardisedPanels.Width) + r;
            if (i >= n)
            {
                return;
            }

            var first = columnPanel * StandardisedPanels.Width;
            for (var c = Math.Max(0, i + 1 - first); c < columns; c++)
            {
                var j = first + c;
                if (j >= n)
                {
                    break;
                }

                // Rounding can push |r| a hair past 1 for (anti)duplicated neurons; clamp to the documented range.
                var w = (float)Math.Min(1.0, Math.Abs(tile[(r * columns) + c]));
                weights[((long)i * n) + j] = w;
                weights[((long)j * n) + i] = w;
            }
        }
    }
}
