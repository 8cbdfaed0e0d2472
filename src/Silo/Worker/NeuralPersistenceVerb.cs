using System.CommandLine;
using System.Text.Json;
using Orchestrator.Topology;
using Orchestrator.Training;

namespace Orchestrator.Silo.Worker;

/// <summary>
/// The worker's <c>neural-persistence --weights CHECKPOINT</c> verb (started by `orchestrator topology
/// neural-persistence`): neural persistence of a saved model's fully connected layers, one JSON object on stdout.
/// A checkpoint that cannot be read is bad input: a message on stderr, exit code 2, nothing on stdout.
/// </summary>
internal static class NeuralPersistenceVerb
{
    public static Command Create()
    {
        var weights = new Option<string>("--weights") { Description = "A checkpoint written by `orchestrator train --checkpoint`.", Required = true };
        var command = new Command("neural-persistence", "Prints the neural persistence of a checkpoint's fully connected layers as JSON.") { weights };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(weights)!;
            CheckpointWeights checkpoint;
            NeuralPersistenceResult result;
            try
            {
                checkpoint = CheckpointWeights.Read(path);
                result = NeuralPersistence.Compute([.. checkpoint.Layers.Select(l => new NeuralPersistenceLayer(l.Columns, l.Rows, l.Values))]);
            }
            catch (Exception ex) when (ex is CheckpointException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: --weights: {ex.Message}");
                return TrainVerb.BadInput;
            }

            Console.Out.WriteLine(Json(checkpoint, result));
            return 0;
        });
        return command;
    }

    /// <summary>The stable output: <c>{"epoch","model","layers":[{"name","inputs","outputs","value","normalised"}],"mean"}</c> on one line.</summary>
    private static string Json(CheckpointWeights checkpoint, NeuralPersistenceResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("epoch", checkpoint.Epoch);
            json.WriteString("model", checkpoint.Model);
            json.WriteStartArray("layers");
            for (var k = 0; k < checkpoint.Layers.Count; k++)
            {
                var layer = checkpoint.Layers[k];
                json.WriteStartObject();
                json.WriteString("name", layer.Layer);
                json.WriteNumber("inputs", layer.Columns);
                json.WriteNumber("outputs", layer.Rows);
                json.WriteNumber("value", result.Layers[k]);
                json.WriteNumber("normalised", result.NormalisedLayers[k]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("mean", result.Mean);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
