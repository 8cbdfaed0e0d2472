using System.CommandLine;
using Orchestrator.Silo.Worker;

namespace Orchestrator.Silo;

/// <summary>
/// The worker executable's verbs. The CLI starts this process for anything that needs TorchSharp
/// or hosts grains, so the CLI itself never loads Torch.
/// </summary>
internal static class SiloCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Orchestrator worker process (started by the `orchestrator` CLI).").AddWorkerVerbs();
        return await root.Parse(args).InvokeAsync();
    }
}
