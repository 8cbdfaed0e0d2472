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

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length + 32 || Encoding.ASCII.GetString(bytes, 0, Magic.Length) != Magic)
        {
            throw new CheckpointException($"{path} is not an Orchestrator training checkpoint (bad magic).");
        }

        var body = bytes.AsSpan(0, bytes.Length - 32);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
        {
            throw new CheckpointException($"checkpoint {path} is corrupt or truncated (checksum mismatch).");
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(body.ToArray()), Encoding.UTF8);
            reader.ReadBytes(Magic.Length);
            var version = reader.ReadInt32();
            if (version is < 1 or > Version)
            {
                throw new CheckpointException($"checkpoint {path} has format version {version}; this build reads versions 1 to {Version}.");
            }

            var fingerprint = reader.ReadString();
            var epoch = reader.ReadInt32();
            var shuffle = reader.ReadUInt64();
            var parameters = new List<TensorBlob>();
            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                parameters.Add(ReadBlob(reader));
            }

            if (version == 1)
            {
                // Version 1 was SGD only: its one slot, the momentum buffers, needs no step count.
                return new TrainingCheckpoint(fingerprint, epoch, shuffle, parameters, 0, [new StateSlot("momentum", ReadOptionalBlobs(reader))], []);
            }

            var steps = reader.ReadInt64();
            var slots = new List<StateSlot>();
            count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                slots.Add(new StateSlot(name, ReadOptionalBlobs(reader)));
            }

            var buffers = new List<TensorBlob>();
            count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                buffers.Add(ReadBlob(reader));
            }

            return new TrainingCheckpoint(fingerprint, epoch, shuffle, parameters, steps, slots, buffers);
        }
        catch (EndOfStreamException ex)
        {
            throw new CheckpointException($"checkpoint {path} is truncated.", ex);
        }
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

    private static List<TensorBlob?> ReadOptionalBlobs(BinaryReader reader)
    {
        var blobs = new List<TensorBlob?>();
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            blobs.Add(reader.ReadBoolean() ? ReadBlob(reader) : null);
        }

        return blobs;
    }

    private static TensorBlob ReadBlob(BinaryReader reader)
    {
        var name = reader.ReadString();
        var rank = reader.ReadInt32();
        var shape = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            shape[d] = reader.ReadInt64();
        }

        var length = reader.ReadInt32();
        var bytes = reader.ReadBytes(checked(length * sizeof(float)));
        if (bytes.Length != length * sizeof(float))
        {
            throw new EndOfStreamException();
        }

        var values = new float[length];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return new TensorBlob(name, shape, values);
    }
}
