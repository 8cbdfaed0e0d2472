using System.CommandLine;

namespace Orchestrator.Silo.Worker;

/// <summary>Registers the worker verbs that run TorchSharp work for the CLI (<c>train</c>, <c>neural-persistence</c>).</summary>
internal static class WorkerVerbs
{
    public static RootCommand AddWorkerVerbs(this RootCommand root)
    {
        // The CLI reads our output through a pipe, where Spectre would assume 80 columns.
        if (Console.IsOutputRedirected)
        {
            Spectre.Console.AnsiConsole.Profile.Width = 120;
        }

        root.Subcommands.Add(TrainArgumentRules.AddTo(TrainVerb.Create()));
        root.Subcommands.Add(NeuralPersistenceVerb.Create());
        return root;
    }
}
