using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Orchestrator.Training;

namespace Orchestrator.Silo;

/// <summary>`orchestrator-silo silo …`: runs a silo until stopped (SIGTERM/Ctrl-C, or stdin closing).</summary>
internal static class SiloVerb
{
    public static Command Create()
    {
        var redis = new Option<string?>("--redis") { Description = "Redis HOST:PORT: join a Redis-backed cluster (omit for an embedded single silo)." };
        var address = new Option<string?>("--address") { Description = "IP address to bind and advertise (default: loopback)." };
        var port = new Option<int>("--port") { Description = "Silo-to-silo port (0: a free one)." };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Client gateway port (0: a free one; printed in the ready line)." };
        var clusterId = new Option<string>("--cluster-id") { Description = "Orleans cluster id.", DefaultValueFactory = _ => "orchestrator" };
        var checkpoints = new Option<string>("--checkpoints") { Description = "Checkpoint directory shared by all silos.", DefaultValueFactory = _ => Path.Combine(Environment.CurrentDirectory, "checkpoints") };
        var slots = new Option<int>("--slots") { Description = "Trials this silo trains at once.", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount / 2) };
        var gpus = new Option<string?>("--gpus") { Description = "Comma-separated CUDA device indices, each optionally with its trials at once (0:4,1:4); trials are pinned to their GPU (replaces --slots; sweeps need device cuda)." };
        var trialsPerGpu = new Option<int>("--trials-per-gpu") { Description = "Trials at once on each --gpus entry that gives no count of its own.", DefaultValueFactory = _ => 1 };
        var memoryMargin = new Option<string?>("--gpu-memory-margin")
        {
            Description = $"Admit a trial to a GPU only when its peak GPU memory (measured in its first epoch) plus this margin, in percent, is free there (e.g. 20; default: {GpuIndexList.MemoryMarginVariable}, else off).",
        };
        var dataDir = new Option<string?>("--data-dir") { Description = "Dataset directory." };
        var modelsDir = new Option<string[]>("--models-dir")
        {
            Description = "Directory whose TorchScript models and .NET plugins sweeps may load (repeatable; loading runs their code here). Default: ORCHESTRATOR_MODELS_DIR, else the working directory.",
            AllowMultipleArgumentsPerToken = false,
        };
        var metricsPort = new Option<int>("--metrics-port") { Description = "Prometheus /metrics port on loopback (0: off)." };
        var stopWithStdin = new Option<bool>("--stop-with-stdin") { Description = "Exit when standard input closes (used by the CLI)." };
        var command = new Command("silo", "Run an Orleans silo hosting the orchestration grains.")
        {
            redis, address, port, gatewayPort, clusterId, checkpoints, slots, gpus, trialsPerGpu, memoryMargin, dataDir, modelsDir, metricsPort, stopWithStdin,
        };
        var dashboardData = new DashboardDataOptions();
        dashboardData.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!GpuIndexList.TryParse(parse.GetValue(gpus), parse.GetValue(trialsPerGpu), out var gpuIndices, out var gpuTrials, out var gpuError))
            {
                await Console.Error.WriteLineAsync("error: " + gpuError);
                return 2;
            }

            if (!GpuIndexList.TryParseMemoryMargin(parse.GetValue(memoryMargin), gpuIndices.Length > 0, out var margin, out var marginError))
            {
                await Console.Error.WriteLineAsync("error: " + marginError);
                return 2;
            }

            // Loading CUDA here costs a second or two, and a wrong list then stops the silo before it joins.
            if (gpuIndices.Length > 0 && TorchRuntime.CheckGpus(gpuIndices) is { } unusable)
            {
                await Console.Error.WriteLineAsync("error: --gpus: " + unusable);
                return 2;
            }

            // Memory admission reads each GPU's free memory through the CUDA driver: a machine where it cannot stops here, not at the first trial.
            foreach (var gpu in margin is null ? [] : gpuIndices)
            {
                if (CudaMemoryInfo.TryRead(gpu, out var memoryError) is null)
                {
                    await Console.Error.WriteLineAsync($"error: --gpu-memory-margin: GPU {gpu}: {memoryError}");
                    return 2;
                }
            }

            var settings = new SiloHostSettings
            {
                Redis = parse.GetValue(redis),
                Address = OrchestratorSiloHosting.ParseAddress(parse.GetValue(address)),
                SiloPort = FreeIfZero(parse.GetValue(port)),
                GatewayPort = FreeIfZero(parse.GetValue(gatewayPort)),
                ClusterId = parse.GetValue(clusterId)!,
                CheckpointDirectory = Path.GetFullPath(parse.GetValue(checkpoints)!),
                Slots = parse.GetValue(slots),
                Gpus = gpuIndices,
                TrialsPerGpu = gpuTrials,
                GpuMemoryMargin = margin,
                DataDirectory = parse.GetValue(dataDir),
                ModelDirectories = [.. (parse.GetValue(modelsDir) ?? []).Select(Path.GetFullPath)],
                MetricsPort = parse.GetValue(metricsPort),
                StopWithStdin = parse.GetValue(stopWithStdin),
            };
            if (settings.Slots < 1)
            {
                await Console.Error.WriteLineAsync("error: --slots must be at least 1");
                return 2;
            }

            (var withDashboardData, var dashboardDataError) = dashboardData.Apply(parse, settings);
            if (withDashboardData is null)
            {
                await Console.Error.WriteLineAsync("error: " + dashboardDataError);
                return 2;
            }

            settings = withDashboardData;

            return await SiloRunner.RunAsync(settings, cancellationToken);
        });
        return command;
    }

    /// <summary>Orleans advertises the port it is given, so "any port" is chosen here, before it starts.</summary>
    private static int FreeIfZero(int port)
    {
        if (port != 0)
        {
            return port;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
