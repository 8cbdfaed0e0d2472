using System.CommandLine;

namespace Orchestrator.Client.Commands;

/// <summary>`orchestrator topology …`: the topology core on files (machine-readable JSON out).</summary>
internal static class TopologyCommands
{
    public static Command Create(CliContext context)
    {
        _ = context;
        return new Command("topology", "Connectomes, birth–death decompositions and distances on files.");
    }
}
