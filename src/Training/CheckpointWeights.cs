using System.Text.Json;

namespace Orchestrator.Training;

/// <summary>
/// The fully connected layers' weights stored in a checkpoint written by <see cref="TrainingSession.SaveCheckpoint"/>,
/// read without building the model or loading any data (for neural persistence of a saved model).
/// </summary>
/// <param name="Epoch">The epoch the checkpoint was written after.</param>
/// <param name="Model">The model's name from the checkpoint's settings (e.g. <c>mlp-fashion</c>), or null if not recorded.</param>
/// <param name="Layers">The fully connected layers' weight matrices, input to output, named as in <see cref="TrainingSession.NeuralPersistenceWeights"/>.</param>
public sealed record CheckpointWeights(int Epoch, string? Model, IReadOnlyList<WeightMatrix> Layers)
{
    private const string WeightSuffix = ".weight";

    /// <summary>Reads the checkpoint at <paramref name="path"/>: its weight matrices (2-D parameters named <c>*.weight</c>) in model order.</summary>
    /// <exception cref="CheckpointException">The file is missing, not a checkpoint, corrupt, truncated, or holds no fully connected layer.</exception>
    public static CheckpointWeights Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var checkpoint = TrainingCheckpoint.Read(path);
        var layers = checkpoint.Parameters
            .Where(p => p.Shape.Length == 2 && p.Name.EndsWith(WeightSuffix, StringComparison.Ordinal))
            .Select(p => new WeightMatrix(p.Name[..^WeightSuffix.Length], checked((int)p.Shape[0]), checked((int)p.Shape[1]), p.Values))
            .ToArray();
        if (layers.Length == 0)
        {
            throw new CheckpointException($"checkpoint {path} holds no fully connected layer (no 2-D *.weight parameter).");
        }

        return new CheckpointWeights(checkpoint.Epoch, ModelOf(checkpoint.Fingerprint), layers);
    }

    private static string? ModelOf(string fingerprint)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(fingerprint)?.GetValueOrDefault("model");
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
