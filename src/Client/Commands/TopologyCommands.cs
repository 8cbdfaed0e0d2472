using System.CommandLine;

namespace Orchestrator.Client.Commands;

/// <summary>`orchestrator topology …`: the topology core on files (machine-readable JSON out), and the demo.</summary>
internal static class TopologyCommands
{
    public static Command Create(CliContext context)
    {
        var topology = new Command("topology", "Connectomes, birth–death decompositions and distances on files (CSV or .npy).");
        topology.Subcommands.Add(ConnectomeCommand.Create(context));
        topology.Subcommands.Add(DecomposeCommand.Create(context));
        topology.Subcommands.Add(DistanceCommand.Create(context));
        topology.Subcommands.Add(TopologyDemoCommand.Create(context));
        topology.Subcommands.Add(CriteriaCommand.Create(context));
        topology.Subcommands.Add(PersistenceCommand.Create(context));
        topology.Subcommands.Add(DiagramDistanceCommand.Create(context));
        topology.Subcommands.Add(NeuralPersistenceCommand.Create(context));
        return topology;
    }
}
