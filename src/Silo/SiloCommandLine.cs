using System.CommandLine;
using Orchestrator.Silo.Worker;

namespace Orchestrator.Silo;

/// <summary>
/// The worker executable's verbs. The CLI starts this process for anything that needs TorchSharp
/// or hosts grains, so the CLI itself never loads Torch.
/// </summary>
internal static class SiloCommandLine
{
    /// <summary>Exit code for bad arguments.</summary>
    public const int BadInput = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Orchestrator worker process (started by the `orchestrator` CLI).").AddWorkerVerbs();
        root.Subcommands.Add(SiloVerb.Create());
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Bad input is exit code 2 with "error: …" on stderr, as for the CLI that relays what we print.
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run with --help for usage.");
            return BadInput;
        }

        // No termination timeout: the silo (SiloRunner) and train (TrainVerb) handle SIGTERM themselves and end
        // within their own documented bounds; the parser's default would kill a silo 2 s into handing its grains over.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
