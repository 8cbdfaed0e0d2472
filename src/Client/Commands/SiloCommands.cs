using System.CommandLine;
using System.Diagnostics;
using Orchestrator.Client.Sweeps;

namespace Orchestrator.Client.Commands;

/// <summary>`orchestrator silo --redis HOST:PORT …`: runs a cluster silo in the foreground (the worker process does the hosting).</summary>
internal static class SiloCommands
{
    public static Command Create(CliContext context)
    {
        _ = context;
        var redis = new Option<string>("--redis") { Description = "Redis HOST:PORT holding the cluster's membership, state and reminders.", Required = true };
        var checkpoints = new Option<string>("--checkpoints") { Description = "Checkpoint directory shared by all silos.", DefaultValueFactory = _ => "checkpoints" };
        var slots = new Option<int?>("--slots") { Description = "Trials this silo trains at once." };
        var gpus = new Option<string?>("--gpus") { Description = "Comma-separated CUDA device indices: one trial per GPU, each pinned to its own (replaces --slots; sweeps need device cuda)." };
        var address = new Option<string?>("--address") { Description = "IP address to bind and advertise (default: loopback)." };
        var port = new Option<int>("--port") { Description = "Silo port (0: a free one).", DefaultValueFactory = _ => 0 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Gateway port (0: a free one).", DefaultValueFactory = _ => 0 };
        var metricsPort = new Option<int>("--metrics-port") { Description = "Prometheus /metrics port on loopback (0: off)." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Dataset directory." };
        var command = new Command("silo", "Run a cluster silo (Redis clustering, storage and reminders) until Ctrl-C.")
        {
            redis, checkpoints, slots, gpus, address, port, gatewayPort, metricsPort, dataDir,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (fileName, prefix) = SiloProcess.WorkerCommand();
            var start = new ProcessStartInfo(fileName) { UseShellExecute = false };
            foreach (var argument in prefix)
            {
                start.ArgumentList.Add(argument);
            }

            void Add(string name, string? value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    start.ArgumentList.Add(name);
                    start.ArgumentList.Add(value);
                }
            }

            start.ArgumentList.Add("silo");
            Add("--redis", parse.GetValue(redis));
            Add("--checkpoints", Path.GetFullPath(parse.GetValue(checkpoints)!));
            Add("--slots", parse.GetValue(slots)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add("--gpus", parse.GetValue(gpus));
            Add("--address", parse.GetValue(address));
            Add("--port", (parse.GetValue(port) is > 0 and var p ? p : SiloProcess.FreePort()).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add("--gateway-port", (parse.GetValue(gatewayPort) is > 0 and var g ? g : SiloProcess.FreePort()).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add("--metrics-port", parse.GetValue(metricsPort) is > 0 and var m ? m.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
            Add("--data-dir", parse.GetValue(dataDir));
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the worker process");
            await process.WaitForExitAsync(CancellationToken.None);
            return process.ExitCode;
        });
        return command;
    }
}
