using System.Runtime.InteropServices;
using System.Text;

namespace Orchestrator.Topology.Bench;

/// <summary>Writes a 2-D float32 C-order NumPy .npy file (format version 1.0).</summary>
internal static class NpyFile
{
    public static void WriteFloat32(string path, ReadOnlySpan<float> values, int rows, int columns)
    {
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}";
        var total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        using var stream = File.Create(path);
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(MemoryMarshal.AsBytes(values));
    }
}
