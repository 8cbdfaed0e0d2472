using System.Buffers.Binary;
using System.Text;

namespace Orchestrator.Client.Tests;

/// <summary>A small .npy writer of the tests' own (version 1.0), to make fixtures independent of the CLI's writer.</summary>
internal static class TestNpy
{
    public static void Write(string path, double[,] values, string descr = "<f8", bool fortranOrder = false) =>
        WriteRaw(path, descr, fortranOrder, $"({values.GetLength(0)}, {values.GetLength(1)})", Encode(values, descr, fortranOrder));

    public static void WriteRaw(string path, string descr, bool fortranOrder, string shape, byte[] data, int version = 1)
    {
        var dictionary = $"{{'descr': '{descr}', 'fortran_order': {(fortranOrder ? "True" : "False")}, 'shape': {shape}, }}";
        var prefix = version == 1 ? 10 : 12;
        var total = prefix + dictionary.Length + 1;
        var header = dictionary + new string(' ', (64 - (total % 64)) % 64) + "\n";
        using var stream = File.Create(path);
        stream.Write([0x93, .. "NUMPY"u8, (byte)version, 0]);
        if (version == 1)
        {
            var length = new byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
            stream.Write(length);
        }
        else
        {
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)header.Length);
            stream.Write(length);
        }

        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(data);
    }

    private static byte[] Encode(double[,] values, string descr, bool fortranOrder)
    {
        var rows = values.GetLength(0);
        var columns = values.GetLength(1);
        var size = descr[1..] == "f4" ? 4 : 8;
        var big = descr[0] == '>';
        var data = new byte[rows * columns * size];
        var k = 0;
        for (var outer = 0; outer < (fortranOrder ? columns : rows); outer++)
        {
            for (var inner = 0; inner < (fortranOrder ? rows : columns); inner++, k++)
            {
                var v = fortranOrder ? values[inner, outer] : values[outer, inner];
                var slot = data.AsSpan(k * size, size);
                if (size == 4)
                {
                    if (big)
                    {
                        BinaryPrimitives.WriteSingleBigEndian(slot, (float)v);
                    }
                    else
                    {
                        BinaryPrimitives.WriteSingleLittleEndian(slot, (float)v);
                    }
                }
                else if (big)
                {
                    BinaryPrimitives.WriteDoubleBigEndian(slot, v);
                }
                else
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(slot, v);
                }
            }
        }

        return data;
    }
}
