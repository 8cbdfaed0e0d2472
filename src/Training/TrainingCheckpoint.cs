using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Training;

/// <summary>
/// The checkpoint file: magic, version, the settings fingerprint, epoch, shuffle-generator state,
/// every parameter, the optimizer's step count and state slots (version 2; version 1 held SGD's momentum
/// buffers only and is still read), the model's buffers (e.g. batch-norm statistics; stored as float32,
/// exact for float32 buffers and for counters below 2²⁴), all as raw float32, and a SHA-256 of everything before it. It is
/// written to a temporary file in the same directory and renamed over the target, so a crash never
/// leaves a half-written checkpoint under the real name.
/// </summary>
internal sealed record TrainingCheckpoint(
    string Fingerprint,
    int Epoch,
    ulong ShuffleState,
    IReadOnlyList<TrainingCheckpoint.TensorBlob> Parameters,
    long OptimizerSteps,
    IReadOnlyList<TrainingCheckpoint.StateSlot> OptimizerSlots,
    IReadOnlyList<TrainingCheckpoint.TensorBlob> ModelBuffers)
{
    private const string Magic = "ORCHCKPT";
    private const int Version = 2;

    internal sealed record TensorBlob(string Name, long[] Shape, float[] Values);

    /// <summary>One optimizer state slot (e.g. <c>momentum</c>): a tensor per parameter, null before its first update.</summary>
    internal sealed record StateSlot(string Name, IReadOnlyList<TensorBlob?> Tensors);

    public void WriteAtomically(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var body = Serialise();
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(body);
                file.Write(SHA256.HashData(body));
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    public static TrainingCheckpoint Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CheckpointException($"checkpoint {path} not found.");
        }

        byte[] bytes;
        try
        {
            var size = new FileInfo(path).Length;
            if (size > Array.MaxLength)
            {
                throw new CheckpointException($"checkpoint {path} is {size} bytes; a checkpoint this build writes is at most {Array.MaxLength}.");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"checkpoint {path} cannot be read: {ex.Message}", ex);
        }

        if (bytes.Length < Magic.Length + 32 || Encoding.ASCII.GetString(bytes, 0, Magic.Length) != Magic)
        {
            throw new CheckpointException($"{path} is not an Orchestrator training checkpoint (bad magic).");
        }

        var body = bytes.AsSpan(0, bytes.Length - 32);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
        {
            throw new CheckpointException($"checkpoint {path} is corrupt or truncated (checksum mismatch).");
        }

        var reader = new CheckpointBinaryReader(body.ToArray(), path);
        reader.Bytes(Magic.Length, "magic");
        var version = reader.Int32("version");
        if (version is < 1 or > Version)
        {
            throw new CheckpointException($"checkpoint {path} has format version {version}; this build reads versions 1 to {Version}.");
        }

        var fingerprint = reader.String("settings fingerprint");
        var epoch = reader.Int32("epoch");
        if (epoch is < 0 or > Data.EpochLimit.Max)
        {
            throw reader.Bad($"epoch is {epoch}; it must be in [0, {Data.EpochLimit.Max}]");
        }

        var shuffle = reader.UInt64("shuffle state");
        var parameters = ReadBlobs(reader, "parameter");
        if (version == 1)
        {
            // Version 1 was SGD only: its one slot, the momentum buffers, needs no step count.
            var momentum = ReadOptionalBlobs(reader, "momentum");
            reader.End();
            return new TrainingCheckpoint(fingerprint, epoch, shuffle, parameters, 0, [new StateSlot("momentum", momentum)], []);
        }

        var steps = reader.Int64("optimizer steps");
        if (steps < 0)
        {
            throw reader.Bad($"optimizer steps is {steps}; it must be >= 0");
        }

        var slots = new List<StateSlot>();
        var count = reader.Count("optimizer slot count", MinimumSlotBytes);
        for (var i = 0; i < count; i++)
        {
            var name = reader.String($"optimizer slot {i} name");
            slots.Add(new StateSlot(name, ReadOptionalBlobs(reader, $"optimizer slot {name}")));
        }

        var buffers = ReadBlobs(reader, "model buffer");
        reader.End();
        return new TrainingCheckpoint(fingerprint, epoch, shuffle, parameters, steps, slots, buffers);
    }

    // The least bytes a stored tensor takes (empty name, rank 0, length 0) and a slot (empty name, count 0):
    // a count is refused when the bytes left cannot hold that many, before any list is allocated.
    private const int MinimumTensorBytes = 1 + sizeof(int) + sizeof(int);
    private const int MinimumSlotBytes = 1 + sizeof(int);

    private static List<TensorBlob> ReadBlobs(CheckpointBinaryReader reader, string what)
    {
        var count = reader.Count($"{what} count", MinimumTensorBytes);
        var blobs = new List<TensorBlob>(count);
        for (var i = 0; i < count; i++)
        {
            blobs.Add(reader.Tensor($"{what} {i}"));
        }

        return blobs;
    }

    private byte[] Serialise()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Encoding.ASCII.GetBytes(Magic));
        writer.Write(Version);
        writer.Write(Fingerprint);
        writer.Write(Epoch);
        writer.Write(ShuffleState);
        writer.Write(Parameters.Count);
        foreach (var p in Parameters)
        {
            WriteBlob(writer, p);
        }

        writer.Write(OptimizerSteps);
        writer.Write(OptimizerSlots.Count);
        foreach (var slot in OptimizerSlots)
        {
            writer.Write(slot.Name);
            writer.Write(slot.Tensors.Count);
            foreach (var b in slot.Tensors)
            {
                writer.Write(b is not null);
                if (b is not null)
                {
                    WriteBlob(writer, b);
                }
            }
        }

        writer.Write(ModelBuffers.Count);
        foreach (var b in ModelBuffers)
        {
            WriteBlob(writer, b);
        }

        writer.Flush();
        return stream.ToArray();
    }

    private static void WriteBlob(BinaryWriter writer, TensorBlob blob)
    {
        writer.Write(blob.Name);
        writer.Write(blob.Shape.Length);
        foreach (var d in blob.Shape)
        {
            writer.Write(d);
        }

        writer.Write(blob.Values.Length);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(blob.Values.AsSpan()));
    }

    private static List<TensorBlob?> ReadOptionalBlobs(CheckpointBinaryReader reader, string what)
    {
        var count = reader.Count($"{what} count", 1);
        var blobs = new List<TensorBlob?>(count);
        for (var i = 0; i < count; i++)
        {
            blobs.Add(reader.Boolean($"{what} {i} present") ? reader.Tensor($"{what} {i}") : null);
        }

        return blobs;
    }
}
