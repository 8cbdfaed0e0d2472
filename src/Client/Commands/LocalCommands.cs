using System.CommandLine;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Client.Core.Workers;
using Orchestrator.Client.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Dashboard.Hosting;
using Orchestrator.Sweeps;

namespace Orchestrator.Client.Commands;

/// <summary>`orchestrator local run SWEEP.json`: the embedded main job on one local silo.</summary>
internal static class LocalCommands
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("sweep") { Description = "Sweep file (JSON), e.g. experiments/quickstart.json." };
        var keepSilo = new Option<bool>("--keep-silo") { Description = "Leave the silo running afterwards (its gateway port is printed)." };
        var results = new Option<string>("--results") { Description = "Results root directory.", DefaultValueFactory = _ => "results" };
        var checkpoints = new Option<string?>("--checkpoints") { Description = "Checkpoint directory (default: results/<sweep-id>.checkpoints)." };
        var slots = new Option<int>("--slots") { Description = "Trials the silo trains at once (default: the sweep's concurrency)." };
        var gpus = new Option<string?>("--gpus") { Description = "Comma-separated CUDA device indices, each optionally with its trials at once (0:4,1:4); trials are pinned to their GPU (replaces --slots; the sweep needs device cuda)." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Dataset directory." };
        var metricsPort = new Option<int>("--metrics-port") { Description = "Serve Prometheus /metrics from the silo on 127.0.0.1:PORT (0: off)." };
        var dashboardOptions = DashboardBindingOptions.ForLocalRun();
        var connectomesKept = new Option<int?>("--connectomes-kept") { Description = "Connectomes the silo keeps per trial for the dashboard's diagram slider (the last K epochs; default 20; see orchestrator-silo silo --help)." };
        var perTrialMetrics = new Option<bool>("--per-trial-metrics") { Description = "A metric series per trial on --metrics-port (trial.id as an attribute)." };
        var replace = new Option<bool>("--replace") { Description = "Write this sweep's results in place of a different sweep's with the same id." };
        var run = new Command("run", "Run a sweep on a local single silo and write results/<sweep-id>/ (Ctrl-C cancels it and writes partial results).") { file, keepSilo, results, checkpoints, slots, gpus, dataDir, metricsPort, connectomesKept, perTrialMetrics, replace };
        dashboardOptions.AddTo(run);
        run.SetAction(async (parse, cancellationToken) =>
        {
            // Before anything starts: a bad dashboard option must not cost a silo start.
            var dashboardBinding = dashboardOptions.BindIfServed(parse);
            var definition = SweepFileLoader.Load(parse.GetValue(file)!, context.Stderr);
            var sweepId = TrialExpansion.SweepIdOf(definition.Name);
            using var sweepActivity = ClientTelemetry.Source.StartActivity("sweep");
            sweepActivity?.SetTag("sweep.id", sweepId);
            var resultsRoot = Path.GetFullPath(parse.GetValue(results)!);

            // Refused before anything trains: at the end, the results would have nowhere to go.
            var resultsFolder = ResultsFolder.Of(resultsRoot, sweepId);
            ResultsFolder.RefuseForeignEntries(resultsFolder);
            ResultsFolder.RequireWritable(resultsRoot, resultsFolder);
            if (ResultsFolder.RefuseDifferentSweep(resultsFolder, definition, parse.GetValue(replace)))
            {
                await context.Stderr.WriteLineAsync($"--replace: the results of a different sweep in {resultsFolder} will be replaced by this sweep's");
            }
            var checkpointDirectory = Path.GetFullPath(parse.GetValue(checkpoints) ?? Path.Combine(resultsRoot, sweepId + ".checkpoints"));
            var slotCount = parse.GetValue(slots) is > 0 and var count ? count : definition.Concurrency;
            var settings = new LocalSiloSettings("local-" + sweepId, checkpointDirectory, slotCount)
            {
                Gpus = parse.GetValue(gpus),
                DataDirectory = parse.GetValue(dataDir),
                MetricsPort = parse.GetValue(metricsPort),
                ConnectomesKept = parse.GetValue(connectomesKept),
                PerTrialMetrics = parse.GetValue(perTrialMetrics),
            };
            using var ctrlC = new CtrlC(CtrlC.CancelsLocalSweep);
            var log = Path.Combine(resultsRoot, sweepId + ".silo.log");
            await context.Stderr.WriteLineAsync($"starting a local silo (log: {log}); Ctrl-C cancels the sweep (the silo is this command's own)…");
            using var runLock = ResultsFolderLock.Acquire(resultsRoot, sweepId);
            // A signal while the silo starts ends the command (the silo with it) instead of waiting for the start.
            using var starting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, ctrlC.Token);
            await using var silo = await LocalSilo.StartAsync(settings, log, parse.GetValue(keepSilo), starting.Token);
            using var host = await silo.Endpoint.ConnectAsync(starting.Token);
            var client = ClusterEndpoint.ClientOf(host);
            await client.GetGrain<ISweepCoordinatorGrain>(sweepId).Submit(definition);
            sweepActivity?.Stop();
            await using var dashboard = dashboardBinding is not null
                ? await DashboardLaunch.ForClusterAsync(client, dashboardBinding, cancellationToken)
                : null;
            if (dashboard is not null)
            {
                await DashboardCommand.AnnounceAsync(context, dashboard, dashboardBinding!, "sweeps/" + Uri.EscapeDataString(sweepId));
            }

            // Results are written as trials finish: a crash (kill -9 of the silo or of this process) loses at most the
            // running epochs, and `local run` again resumes them from the checkpoints (the silo's state is on disk).
            FinishedTrialResults? soFar = null;
            async Task<int> SiloDiedAsync()
            {
                await (soFar?.DrainAsync() ?? Task.CompletedTask);
                var kept = soFar?.LastWritten is { } written ? $"the {soFar.FinishedWritten} trials finished before are in {written}" : "no trial had finished";
                await context.Stderr.WriteLineAsync($"error: the local silo (pid {silo.Id}) died during the sweep (its log: {log}); {kept}. Run the same command again to resume the unfinished trials from their checkpoints.");
                return ExitCodes.Failed;
            }

            SweepWatch watch;
            try
            {
                var watching = SweepTerminal.WatchAsync(context, client, sweepId, ctrlC.Token, WatchStop.CancelSweep, progress => soFar = new FinishedTrialResults(client, resultsRoot, progress, context.Stderr));
                // The watch retries an unreachable cluster for minutes (a remote cluster may come back); the embedded
                // silo that died will not, so its exit ends the wait at once.
                using var stopWaiting = new CancellationTokenSource();
                var siloExited = silo.ExitedAsync(stopWaiting.Token);
                if (await Task.WhenAny(watching, siloExited) == siloExited && siloExited.IsCompletedSuccessfully)
                {
                    return await SiloDiedAsync();
                }

                await stopWaiting.CancelAsync();
                watch = await watching;
                await (soFar?.DrainAsync() ?? Task.CompletedTask);
            }
            catch (Exception ex) when (silo.HasExited && ex is not OperationCanceledException)
            {
                return await SiloDiedAsync();
            }

            var code = await SweepTerminal.FinishAsync(context, client, watch, resultsRoot);
            if (parse.GetValue(keepSilo))
            {
                await context.Stdout.WriteLineAsync($"silo kept running (pid {silo.Id}); gateway on 127.0.0.1:{silo.GatewayPort}, cluster id {silo.ClusterId}");
            }

            return code;
        });
        return new Command("local", "Run sweeps on this machine (an embedded single silo).") { run };
    }
}
