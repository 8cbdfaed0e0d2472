using System.CommandLine;
using Orchestrator.Client.Files;
using Orchestrator.Client.Output;
using Orchestrator.Topology;

namespace Orchestrator.Client.Commands;

/// <summary>`topology decompose --matrix W`: the birth–death decomposition of W as one JSON line.</summary>
internal static class DecomposeCommand
{
    public static Command Create(CliContext context)
    {
        var matrix = new Option<string>("--matrix")
        {
            Description = "Connectome W (.csv or .npy, n×n); only the strict upper triangle is read, NaN counts as 0.",
            Required = true,
        };
        var command = new Command(
            "decompose",
            "Prints {\"n\", \"births\", \"deaths\", \"totalPersistence0\", \"totalPersistence1\"} as JSON (values ascending).")
        {
            matrix,
        };
        command.SetAction(parse =>
        {
            var w = ConnectomeFile.Read(parse.GetValue(matrix)!, "--matrix");
            var decomposition = BirthDeathDecomposition.Of(w);
            new JsonLine(context.Stdout)
                .Number("n", decomposition.Size)
                .Numbers("births", decomposition.Births)
                .Numbers("deaths", decomposition.Deaths)
                .Number("totalPersistence0", decomposition.TotalPersistence0)
                .Number("totalPersistence1", decomposition.TotalPersistence1)
                .End();
            return ExitCodes.Ok;
        });
        return command;
    }
}
