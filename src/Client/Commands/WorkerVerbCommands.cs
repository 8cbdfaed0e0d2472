using System.CommandLine;
using Orchestrator.Client.Core.Workers;
using Orchestrator.Client.Worker;

namespace Orchestrator.Client.Commands;

/// <summary>
/// `orchestrator train …` and `orchestrator silo …` belong to the worker (<c>orchestrator-silo</c>), which owns
/// their flags, defaults, help and validation: the CLI hands every argument after the verb over unchanged and
/// relays the worker's output and exit code (2 with its message for bad input), so no flag is defined twice.
/// </summary>
internal static class WorkerVerbCommands
{
    private static readonly Dictionary<string, (string Description, TimeSpan StopGrace)> Verbs = new(StringComparer.Ordinal)
    {
        ["train"] = ("Trains one network and stops it with a criterion (TOP, FP, NP, VL or none); live progress, summary table, optional JSON. Options: `orchestrator train --help`.", TimeSpan.FromSeconds(15)),
        // A silo hands its grains over to the rest of the cluster before it exits: give it time.
        ["silo"] = ("Run a silo (with --redis: a member of a Redis cluster; without: an embedded single silo) until Ctrl-C. Options: `orchestrator silo --help`.", TimeSpan.FromSeconds(60)),
    };

    /// <summary>True when <paramref name="args"/> name a worker verb: they go to the worker without being parsed here.</summary>
    public static bool Handles(string[] args) => args.Length > 0 && Verbs.ContainsKey(args[0]);

    /// <summary>The verbs as commands, so `orchestrator --help` lists them; their arguments never reach the CLI's parser.</summary>
    public static IEnumerable<Command> Create(CliContext context) => Verbs.Select(verb =>
    {
        var command = new Command(verb.Key, verb.Value.Description) { TreatUnmatchedTokensAsErrors = false };
        command.SetAction((parse, cancellationToken) => RunAsync(context, [verb.Key, .. parse.UnmatchedTokens], cancellationToken));
        return command;
    });

    /// <summary>Runs the worker with <paramref name="args"/> (verb first), streaming its output to the CLI's.</summary>
    public static async Task<int> RunAsync(CliContext context, string[] args, CancellationToken cancellationToken)
    {
        var executable = WorkerExecutable.Locate();
        var worker = new WorkerProcess(executable.FileName, executable.LeadingArguments) { GracePeriod = Verbs[args[0]].StopGrace };
        return await worker.RunAsync(args, context.Stdout, context.Stderr, cancellationToken);
    }
}
