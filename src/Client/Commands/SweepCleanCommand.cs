using System.CommandLine;
using System.Globalization;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Client.Commands;

/// <summary>
/// `orchestrator sweep clean SWEEP-ID`: deletes a sweep's checkpoints (finished trials keep only their final
/// one, but even those are rarely needed once the results are written), file by file and only the product's own
/// (<see cref="CheckpointFolderCleaner"/>): a folder holding anything else is refused, exit 2, nothing deleted.
/// With --redis it first checks that no trial is still pending or running.
/// </summary>
internal static class SweepCleanCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("sweep-id") { Description = "The sweep id (see `sweep list`, or the results folder's name)." };
        var checkpoints = new Option<string?>("--checkpoints") { Description = "The checkpoint root the silo used (default: results/<sweep-id>.checkpoints, where `local run` puts them)." };
        var redis = new Option<string?>("--redis") { Description = "Redis HOST:PORT of the cluster: refuse if the sweep still has pending or running trials." };
        var command = new Command("clean", "Delete a sweep's checkpoints (run it once the results are written).") { id, checkpoints, redis };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var sweepId = parse.GetValue(id)!;
            if (SafeId.Problem(sweepId) is { } problem)
            {
                throw new InputException($"sweep-id: {problem} (see `orchestrator sweep list`)");
            }

            var root = Path.GetFullPath(parse.GetValue(checkpoints) ?? Path.Combine("results", sweepId + ".checkpoints"));
            var directory = Path.Combine(root, sweepId);
            try
            {
                directory = RootedPath.Under(root, sweepId);
            }
            catch (ArgumentException ex)
            {
                throw new InputException($"--checkpoints: {ex.Message}");
            }

            if (!Directory.Exists(directory))
            {
                throw new InputException($"--checkpoints: no checkpoints of sweep '{sweepId}' under {root}; pass the checkpoint directory the silo used (`--checkpoints DIR`)");
            }

            if (parse.GetValue(redis) is { } endpoint)
            {
                await using var cluster = await ClusterSession.ConnectAsync(endpoint, cancellationToken);
                var status = await cluster.Client.GetGrain<ISweepCoordinatorGrain>(sweepId).GetStatus();
                var active = status.Trials.Count(t => !t.State.IsFinal());
                if (active > 0)
                {
                    throw new InputException($"sweep-id: sweep '{sweepId}' still has {active} pending or running trials; wait for it, or `orchestrator sweep cancel {sweepId} --redis {endpoint}` first");
                }
            }

            var survey = CheckpointFolderCleaner.Look(directory);
            if (survey.Foreign.Count > 0)
            {
                throw new InputException(
                    $"--checkpoints: {directory} holds {survey.Foreign.Count} entries the product did not write ({string.Join(", ", survey.Foreign.Take(5).Select(f => BoundedQuote.Of(Path.GetRelativePath(directory, f))))}{(survey.Foreign.Count > 5 ? ", …" : string.Empty)}); nothing was deleted. Move them away, or check --checkpoints.");
            }

            var bytes = survey.Files.Sum(f => f.Length);
            CheckpointFolderCleaner.Delete(survey, directory);
            if (!Directory.EnumerateFileSystemEntries(root).Any())
            {
                Directory.Delete(root);
            }

            await context.Stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"deleted {survey.Files.Count} checkpoint files ({bytes / 1e6:0.#} MB) of sweep {sweepId} from {directory}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
