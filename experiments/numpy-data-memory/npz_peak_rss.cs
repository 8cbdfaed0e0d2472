#:project ../../src/Data/Orchestrator.Data.csproj
// Peak resident memory of loading a NumPy data set: writes an .npz of N uint8 items of D values (the size of
// Fashion-MNIST at N = 70,000, D = 784), loads it with the loader trials use, and prints the process's peak RSS
// (VmHWM) before and after. Run: dotnet run experiments/numpy-data-memory/npz_peak_rss.cs -- N D [uint8|float32]
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Orchestrator.Data.Numpy;

var items = int.Parse(args[0]);
var width = int.Parse(args[1]);
var type = args.Length > 2 ? args[2] : "uint8";
var path = Path.Combine(Path.GetTempPath(), $"npz-peak-rss-{Environment.ProcessId}.npz");
Write(path, items, width, type);
GC.Collect();
var before = PeakKiB();
var clock = Stopwatch.StartNew();
var split = NumpyDatasetLoader.Load(NumpyDatasetFiles.FromArchive(path));
var seconds = clock.Elapsed.TotalSeconds;
var after = PeakKiB();
var file = new FileInfo(path).Length;
File.Delete(path);
Console.WriteLine($"| {items:N0} × {width} {type} | {file / 1048576.0:F0} MiB | {(split.Train.Count + split.Test.Count) * (long)width * 4 / 1048576.0:F0} MiB | {before / 1024.0:F0} MiB | {after / 1024.0:F0} MiB | {seconds:F1} s |");

static long PeakKiB() =>
    long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);

// Written entry by entry (6/7 train, 1/7 test) so the writer itself never holds the whole file.
static void Write(string path, int items, int width, string type)
{
    using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
    var train = items * 6 / 7;
    foreach (var (name, count) in new[] { ("train", train), ("test", items - train) })
    {
        var size = type == "uint8" ? 1 : 4;
        using (var x = zip.CreateEntry($"x_{name}.npy", CompressionLevel.NoCompression).Open())
        {
            Header(x, type == "uint8" ? "|u1" : "<f4", $"({count}, {width})");
            var row = new byte[width * size];
            for (var i = 0; i < count; i++)
            {
                for (var j = 0; j < width; j++)
                {
                    if (size == 1)
                    {
                        row[j] = (byte)((i + j) % 251);
                    }
                    else
                    {
                        BitConverter.TryWriteBytes(row.AsSpan(j * 4), ((i + j) % 251) / 251f);
                    }
                }

                x.Write(row);
            }
        }

        using var y = zip.CreateEntry($"y_{name}.npy", CompressionLevel.NoCompression).Open();
        Header(y, "<i8", $"({count},)");
        for (var i = 0; i < count; i++)
        {
            y.Write(BitConverter.GetBytes((long)(i % 10)));
        }
    }
}

static void Header(Stream stream, string descr, string shape)
{
    var text = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
    text = text.PadRight(((text.Length + 11 + 63) / 64 * 64) - 11) + "\n";
    stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
    stream.Write(BitConverter.GetBytes((ushort)text.Length));
    stream.Write(Encoding.ASCII.GetBytes(text));
}
