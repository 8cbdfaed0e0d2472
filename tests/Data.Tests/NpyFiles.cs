using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace Orchestrator.TestData;

/// <summary>Writes .npy arrays and .npz archives as numpy.save/savez do (format 1.0), for tests of the NumPy loader.</summary>
internal static class NpyFiles
{
    /// <summary>The bytes of an .npy file of <paramref name="values"/> with NumPy type <paramref name="descr"/> (e.g. <c>&lt;f4</c>).</summary>
    public static byte[] Array<T>(string descr, long[] shape, T[] values, bool fortranOrder = false)
        where T : struct
    {
        var shapeText = shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";
        var header = $"{{'descr': '{descr}', 'fortran_order': {(fortranOrder ? "True" : "False")}, 'shape': {shapeText}, }}";
        var padded = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)padded.Length));
        stream.Write(Encoding.ASCII.GetBytes(padded));
        stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
        return stream.ToArray();
    }

    /// <summary>Writes an .npz archive of the named .npy files (names without <c>.npy</c>).</summary>
    public static void Archive(string path, IReadOnlyDictionary<string, byte[]> arrays)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in arrays)
        {
            using var entry = zip.CreateEntry(name + ".npy", CompressionLevel.Fastest).Open();
            entry.Write(bytes);
        }
    }

    /// <summary>
    /// A small separable data set: <paramref name="classes"/> classes of <paramref name="features"/> uint8 features,
    /// class c bright in its own block of features, with noise; labels int64.
    /// </summary>
    public static Dictionary<string, byte[]> Separable(int train, int test, int features = 16, int classes = 3, long[]? itemShape = null)
    {
        var random = new Random(5);
        (byte[] X, long[] Y) Make(int count)
        {
            var x = new byte[count * features];
            var y = new long[count];
            for (var i = 0; i < count; i++)
            {
                y[i] = i % classes;
                for (var f = 0; f < features; f++)
                {
                    var bright = f * classes / features == y[i];
                    x[(i * features) + f] = (byte)Math.Clamp((bright ? 200 : 40) + random.Next(-30, 30), 0, 255);
                }
            }

            return (x, y);
        }

        var shape = itemShape ?? [features];
        var (xTrain, yTrain) = Make(train);
        var (xTest, yTest) = Make(test);
        return new Dictionary<string, byte[]>
        {
            ["x_train"] = Array("|u1", [train, .. shape], xTrain),
            ["y_train"] = Array("<i8", [train], yTrain),
            ["x_test"] = Array("|u1", [test, .. shape], xTest),
            ["y_test"] = Array("<i8", [test], yTest),
        };
    }
}
