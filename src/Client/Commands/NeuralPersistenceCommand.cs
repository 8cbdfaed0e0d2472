using System.CommandLine;
using System.Text;
using Orchestrator.Client.Worker;

namespace Orchestrator.Client.Commands;

/// <summary>
/// `topology neural-persistence --weights CHECKPOINT`: neural persistence (Rieck et al. 2019) of a saved model's fully
/// connected layers. The checkpoint is checked here (exists, is a checkpoint); reading it needs the training
/// library, so the worker computes and prints the JSON, which is passed through unchanged.
/// </summary>
internal static class NeuralPersistenceCommand
{
    /// <summary>The first bytes of every checkpoint written by the training engine.</summary>
    private static readonly byte[] CheckpointMagic = Encoding.ASCII.GetBytes("ORCHCKPT");

    public static Command Create(CliContext context)
    {
        var weights = new Option<string>("--weights") { Description = "A checkpoint written by `orchestrator train --checkpoint FILE`.", Required = true };
        var command = new Command(
            "neural-persistence",
            "Prints {\"epoch\",\"model\",\"layers\":[{\"name\",\"inputs\",\"outputs\",\"value\",\"normalised\"}],\"mean\"} as JSON: the neural persistence of a checkpoint's fully connected layers.")
        {
            weights,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(weights)!;
            CheckIsCheckpoint(path);
            return await WorkerProcess.Locate().RunAsync(["neural-persistence", "--weights", Path.GetFullPath(path)], context.Stdout, context.Stderr, cancellationToken);
        });
        return command;
    }

    private static void CheckIsCheckpoint(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"--weights: checkpoint '{path}' does not exist (write one with `orchestrator train --checkpoint FILE`).");
        }

        var head = new byte[CheckpointMagic.Length];
        int read;
        try
        {
            using var file = File.OpenRead(path);
            read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--weights: cannot read '{path}': {ex.Message}");
        }

        if (read < head.Length || !head.AsSpan().SequenceEqual(CheckpointMagic))
        {
            throw new InputException($"--weights: '{path}' is not an Orchestrator training checkpoint (it does not start with ORCHCKPT).");
        }
    }
}
