using System.CommandLine;
using System.Runtime.InteropServices;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Dashboard.Hosting;

namespace Orchestrator.Client.Commands;

/// <summary>
/// `orchestrator dashboard results/SWEEP` (a finished sweep, read-only) or `orchestrator dashboard --redis HOST:PORT`
/// (every sweep of a cluster, live): serves the web dashboard until Ctrl-C.
/// </summary>
internal static class DashboardCommand
{
    public static Command Create(CliContext context)
    {
        var folder = new Argument<string?>("results") { Description = "A results folder to serve read-only, e.g. results/quickstart.", Arity = ArgumentArity.ZeroOrOne };
        var redis = new Option<string?>("--redis") { Description = "Serve a cluster's sweeps live: its Redis HOST:PORT." };
        var bindingOptions = DashboardBindingOptions.ForDashboardVerb();
        var command = new Command("dashboard", "Serve the web dashboard of a results folder or of a cluster's sweeps.") { folder, redis };
        bindingOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var results = parse.GetValue(folder);
            var cluster = parse.GetValue(redis);
            if ((results is null) == (cluster is null))
            {
                throw new InputException("give either a results folder (orchestrator dashboard results/SWEEP) or --redis HOST:PORT, not both and not neither");
            }

            var binding = bindingOptions.Bind(parse);
            using var stop = new DashboardStopSignal();
            if (cluster is not null)
            {
                await using var session = await ClusterSession.ConnectAsync(cluster, cancellationToken);
                await using var server = await DashboardLaunch.ForClusterAsync(session.Client, binding, cancellationToken);
                await AnnounceAsync(context, server, binding);
                await stop.Task;
            }
            else
            {
                await using var server = await DashboardLaunch.ForResultsAsync(results!, binding, cancellationToken);
                await AnnounceAsync(context, server, binding);
                await stop.Task;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Prints the URL of <paramref name="page"/> (with the token once, when one is required).</summary>
    public static async Task AnnounceAsync(CliContext context, DashboardServer server, DashboardBinding binding, string page = "")
    {
        await context.Stdout.WriteLineAsync($"dashboard: {server.OpenUrlOf(page)}");
        if (server.Token is not null)
        {
            await context.Stdout.WriteLineAsync($"every request needs this token (bound to {binding.Address}); it is printed only here.");
        }

        await context.Stdout.FlushAsync();
    }

    /// <summary>Completes on Ctrl-C or SIGTERM, so the web host shuts down cleanly.</summary>
    private sealed class DashboardStopSignal : IDisposable
    {
        private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly PosixSignalRegistration _interrupt;
        private readonly PosixSignalRegistration _terminate;

        public DashboardStopSignal()
        {
            _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        }

        public Task Task => _stopped.Task;

        public void Dispose()
        {
            _interrupt.Dispose();
            _terminate.Dispose();
        }

        private void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            _stopped.TrySetResult();
        }
    }
}
