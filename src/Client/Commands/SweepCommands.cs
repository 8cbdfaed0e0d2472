using System.CommandLine;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Client.Output;
using Orchestrator.Client.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Client.Commands;

/// <summary>`orchestrator sweep submit|list|status|watch|results|cancel|clean|resume --redis HOST:PORT`: drive a cluster from anywhere.</summary>
internal static class SweepCommands
{
    public static Command Create(CliContext context)
    {
        var sweep = new Command("sweep", "Submit and follow sweeps on a Redis-backed cluster.");
        sweep.Subcommands.Add(Submit(context));
        sweep.Subcommands.Add(List(context));
        sweep.Subcommands.Add(Status(context));
        sweep.Subcommands.Add(Watch(context));
        sweep.Subcommands.Add(Results(context));
        sweep.Subcommands.Add(Simple(context, "cancel", "Cancel a sweep: pending trials never start, running ones stop after their epoch.", (g) => g.Cancel()));
        sweep.Subcommands.Add(SweepCleanCommand.Create(context));
        sweep.Subcommands.Add(Simple(context, "resume", "Run a sweep's cancelled and failed trials again (from their checkpoints).", (g) => g.Resume()));
        sweep.Subcommands.Add(Delete(context));
        return sweep;
    }

    private static Option<string> RedisOption() => new("--redis") { Description = "Redis HOST:PORT of the cluster.", Required = true };

    private static Argument<string> SweepIdArgument() => new("sweep-id") { Description = "The sweep id (see `sweep list`)." };

    private static Task<ClusterSession> ConnectAsync(string redis, CancellationToken cancellationToken) => ClusterSession.ConnectAsync(redis, cancellationToken);

    private static Command Submit(CliContext context)
    {
        var redis = RedisOption();
        var file = new Argument<string>("sweep") { Description = "Sweep file (JSON)." };
        var watch = new Option<bool>("--watch") { Description = "Watch it until it ends and write results (Ctrl-C detaches; the sweep keeps running)." };
        var results = new Option<string>("--results") { Description = "Results root directory (with --watch).", DefaultValueFactory = _ => "results" };
        var replace = new Option<bool>("--replace") { Description = "Put this sweep in place of a different one under the same id (trials in both keep their results, the others are dropped)." };
        var command = new Command("submit", "Validate and submit a sweep (resubmitting reuses finished trials).") { file, redis, watch, results, replace };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var definition = SweepFileLoader.Load(parse.GetValue(file)!, context.Stderr);
            var sweepId = TrialExpansion.SweepIdOf(definition.Name);
            using var sweepActivity = ClientTelemetry.Source.StartActivity("sweep");
            sweepActivity?.SetTag("sweep.id", sweepId);
            if (parse.GetValue(watch))
            {
                ResultsFolder.RefuseForeignEntries(ResultsFolder.Of(Path.GetFullPath(parse.GetValue(results)!), sweepId));
            }

            await using var cluster = await ConnectAsync(parse.GetValue(redis)!, cancellationToken);
            var coordinator = cluster.Client.GetGrain<ISweepCoordinatorGrain>(sweepId);
            var before = await coordinator.GetStatus();
            var status = parse.GetValue(replace) ? await coordinator.Replace(definition) : await coordinator.Submit(definition);
            sweepActivity?.Stop();
            await context.Stdout.WriteLineAsync($"submitted {sweepId}: {SweepView.Progress(status)}");
            if (before.State != SweepState.Unknown)
            {
                await context.Stdout.WriteLineAsync($"resubmission of {sweepId}: {Resubmission.Of(before, status).Describe()}");
            }

            if (!parse.GetValue(watch))
            {
                return ExitCodes.Ok;
            }

            return await WatchAndWriteAsync(context, cluster.Client, sweepId, parse.GetValue(results)!);
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var redis = RedisOption();
        var format = new OutputFormatOptions();
        var command = new Command("list", "List the cluster's sweeps with their trial counts.") { redis, format.Json, format.Csv };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = format.Read(parse);
            await using var cluster = await ConnectAsync(parse.GetValue(redis)!, cancellationToken);
            var sweeps = await ListAsync(cluster.Client, cancellationToken);
            await chosen.WriteAsync(context.Stdout, SweepView.List(sweeps), json => json, heading: null);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Status(CliContext context)
    {
        var redis = RedisOption();
        var id = SweepIdArgument();
        var format = new OutputFormatOptions();
        var command = new Command("status", "Show a sweep's trials.") { id, redis, format.Json, format.Csv };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = format.Read(parse);
            RequireSweepId(parse.GetValue(id)!);
            await using var cluster = await ConnectAsync(parse.GetValue(redis)!, cancellationToken);
            var status = await KnownSweepAsync(cluster.Client, parse.GetValue(id)!);
            await chosen.WriteAsync(
                context.Stdout,
                SweepView.Trials(status),
                trials => new System.Text.Json.Nodes.JsonObject
                {
                    ["sweepId"] = status.SweepId,
                    ["state"] = status.State.ToString(),
                    ["progress"] = SweepView.Progress(status),
                    ["trials"] = trials,
                },
                heading: $"sweep {status.SweepId} · {status.State} · {SweepView.Progress(status)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Watch(CliContext context)
    {
        var redis = RedisOption();
        var id = SweepIdArgument();
        var results = new Option<string>("--results") { Description = "Results root directory.", DefaultValueFactory = _ => "results" };
        var command = new Command("watch", "Watch a sweep live until it ends, then write its results (Ctrl-C detaches and leaves it running; `sweep cancel` stops it).") { id, redis, results };
        command.SetAction(async (parse, cancellationToken) =>
        {
            RequireSweepId(parse.GetValue(id)!);
            await using var cluster = await ConnectAsync(parse.GetValue(redis)!, cancellationToken);
            await KnownSweepAsync(cluster.Client, parse.GetValue(id)!);
            return await WatchAndWriteAsync(context, cluster.Client, parse.GetValue(id)!, parse.GetValue(results)!);
        });
        return command;
    }

    private static Command Results(CliContext context)
    {
        var redis = RedisOption();
        var id = SweepIdArgument();
        var results = new Option<string>("--results") { Description = "Results root directory.", DefaultValueFactory = _ => "results" };
        var command = new Command("results", "Write a sweep's results now (partial while it runs).") { id, redis, results };
        command.SetAction(async (parse, cancellationToken) =>
        {
            RequireSweepId(parse.GetValue(id)!);
            await using var cluster = await ConnectAsync(parse.GetValue(redis)!, cancellationToken);
            var status = await KnownSweepAsync(cluster.Client, parse.GetValue(id)!);
            return await SweepTerminal.FinishAsync(context, cluster.Client, new SweepWatch(status, Cancelled: false), Path.GetFullPath(parse.GetValue(results)!));
        });
        return command;
    }

    private static Command Simple(CliContext context, string name, string description, Func<ISweepCoordinatorGrain, Task<SweepStatus>> action)
    {
        var redis = RedisOption();
        var id = SweepIdArgument();
        var command = new Command(name, description) { id, redis };
        command.SetAction(async (parse, cancellationToken) =>
        {
            RequireSweepId(parse.GetValue(id)!);
            await using var cluster = await ConnectAsync(parse.GetValue(redis)!, cancellationToken);
            await KnownSweepAsync(cluster.Client, parse.GetValue(id)!);
            var status = await action(cluster.Client.GetGrain<ISweepCoordinatorGrain>(parse.GetValue(id)!));
            await context.Stdout.WriteLineAsync($"{status.SweepId}: {status.State}, {SweepView.Progress(status)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var redis = RedisOption();
        var id = SweepIdArgument();
        var command = new Command("delete", "Delete what the cluster stores about a finished or cancelled sweep (its Redis keys); checkpoints stay (`sweep clean`).") { id, redis };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var sweepId = RequireSweepId(parse.GetValue(id)!);
            await using var cluster = await ConnectAsync(parse.GetValue(redis)!, cancellationToken);
            var trials = await cluster.Client.GetGrain<ISweepCoordinatorGrain>(sweepId).Delete();
            await context.Stdout.WriteLineAsync(
                $"deleted {sweepId}: the sweep's state, {trials} trials' records and run/topology state, its registry entry; its checkpoints stay (`orchestrator sweep clean {sweepId} …` deletes them)");
            return ExitCodes.Ok;
        });
        return command;
    }

    // Checked before connecting: an id is also a folder name, and a path must never reach the results writer.
    private static string RequireSweepId(string sweepId) => SafeId.Problem(sweepId) is { } problem
        ? throw new InputException($"sweep-id: {problem}; see `orchestrator sweep list` for the ids")
        : sweepId;

    private static async Task<SweepStatus> KnownSweepAsync(IClusterClient client, string sweepId)
    {
        RequireSweepId(sweepId);
        var status = await client.GetGrain<ISweepCoordinatorGrain>(sweepId).GetStatus();
        return status.State == SweepState.Unknown
            ? throw new InputException($"sweep-id: no sweep '{sweepId}' on this cluster (see `orchestrator sweep list`)")
            : status;
    }

    /// <summary>How long `sweep list` waits for the whole list before it says the cluster does not answer.</summary>
    private static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Every sweep's status, asked in parallel and bounded by <see cref="ListTimeout"/> in all: a cluster that lost
    /// its membership (a Redis restart without its data) used to leave `sweep list` hanging for good.
    /// </summary>
    private static async Task<IReadOnlyList<SweepStatus>> ListAsync(IClusterClient client, CancellationToken cancellationToken)
    {
        var listing = Task.Run(
            async () =>
            {
                var ids = await client.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List();
                return await Task.WhenAll(ids.Select(id => client.GetGrain<ISweepCoordinatorGrain>(id).GetStatus()));
            },
            cancellationToken);
        try
        {
            return await listing.WaitAsync(ListTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            throw new ClusterUnavailableException(
                $"the cluster did not list its sweeps within {ListTimeout.TotalSeconds:0} s ({ex.GetType().Name}); check that Redis and at least one silo are up (`scripts/local-cluster.sh start` prints the address), then retry",
                ex);
        }
    }

    private static async Task<int> WatchAndWriteAsync(CliContext context, IClusterClient client, string sweepId, string resultsRoot)
    {
        using var ctrlC = new CtrlC(CtrlC.Detaches);
        var watch = await SweepTerminal.WatchAsync(context, client, sweepId, ctrlC.Token, WatchStop.Detach);
        return await SweepTerminal.FinishAsync(context, client, watch, Path.GetFullPath(resultsRoot));
    }
}
