using System.Runtime.InteropServices;
using System.Text;
using Orchestrator.Data;
using Orchestrator.Training;

namespace Orchestrator.Search.Bench;

/// <summary>
/// The one data split both sides train on: Fashion-MNIST 10 % (6,000 stratified images), its 20 % hold-out and the
/// 10,000 test images, drawn by <see cref="PreparedData.From"/> with the settings every trial of our sweep has (trial
/// seed 0), so the images Optuna sees are exactly those our trials see. Written once as .npy files for the Python side.
/// </summary>
internal static class SharedSplit
{
    public const string Dataset = "fashion-mnist";
    public const double Fraction = 0.1;
    public const double HoldOut = 0.2;
    public const string Model = "mlp-fashion";

    /// <summary>Writes x_/y_ train, val and test .npy files into <paramref name="folder"/>; returns the sizes.</summary>
    public static (int Train, int HoldOut, int Test) Write(string folder)
    {
        var data = PreparedData.For(new TrainingSettings(Dataset, Fraction, Model, Seed: 0, ValidationFraction: HoldOut));
        var validation = data.Validation ?? throw new InvalidOperationException("the split has no hold-out");
        Write(folder, "train", data.Train);
        Write(folder, "val", validation);
        Write(folder, "test", data.Test);
        return (data.Train.Count, validation.Count, data.Test.Count);
    }

    private static void Write(string folder, string name, LabelledImages images)
    {
        var length = images.Pixels.Length / images.Count;
        Npy(Path.Combine(folder, $"x_{name}.npy"), "<f4", $"({images.Count}, {length})", MemoryMarshal.AsBytes(images.Pixels.AsSpan()));
        Npy(Path.Combine(folder, $"y_{name}.npy"), "<i4", $"({images.Count},)", MemoryMarshal.AsBytes(images.Labels.AsSpan()));
    }

    /// <summary>A little-endian C-order .npy file, format 1.0 (header padded to 64 bytes).</summary>
    private static void Npy(string path, string type, string shape, ReadOnlySpan<byte> data)
    {
        var header = $"{{'descr': '{type}', 'fortran_order': False, 'shape': {shape}, }}";
        header = header.PadRight(header.Length + ((64 - ((10 + header.Length + 1) % 64)) % 64)) + "\n";
        using var stream = File.Create(path);
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(data);
    }
}
