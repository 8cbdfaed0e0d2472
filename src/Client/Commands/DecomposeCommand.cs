using System.CommandLine;
using Orchestrator.Client.Core;
using Orchestrator.Client.Files;
using Orchestrator.Client.Output;
using Orchestrator.Topology;

namespace Orchestrator.Client.Commands;

/// <summary>`topology decompose --matrix W [--out FILE.npz|FILE.npy]`: the birth–death decomposition of W.</summary>
internal static class DecomposeCommand
{
    public static Command Create(CliContext context)
    {
        var matrix = new Option<string>("--matrix")
        {
            Description = "Connectome W (.csv or .npy, n×n); only the strict upper triangle is read, NaN counts as 0.",
            Required = true,
        };
        var output = new Option<string?>("--out")
        {
            Description = "Write births and deaths as float32 arrays instead of JSON numbers: FILE.npz holds 'births' and 'deaths'; "
                          + "FILE.npy holds births then deaths in one array (the first n−1 values are the births). Then n, birthCount, deathCount and the totals are printed.",
        };
        var command = new Command(
            "decompose",
            "Prints {\"n\", \"births\", \"deaths\", \"totalPersistence0\", \"totalPersistence1\"} as JSON (values ascending).")
        {
            matrix,
            output,
        };
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output);
            var extension = outPath is null ? null : Path.GetExtension(outPath).ToLowerInvariant();
            if (extension is not (null or ".npz" or ".npy"))
            {
                throw new InputException($"--out '{outPath}': write .npz (births and deaths by name) or .npy (births then deaths).");
            }

            var w = ConnectomeFile.Read(parse.GetValue(matrix)!, "--matrix");
            var decomposition = BirthDeathDecomposition.Of(w);
            var json = new JsonLine(context.Stdout).Number("n", decomposition.Size);
            if (outPath is null)
            {
                json.Numbers("births", decomposition.Births).Numbers("deaths", decomposition.Deaths);
            }
            else
            {
                Write(outPath, extension!, decomposition);
                json.Number("birthCount", decomposition.Births.Length).Number("deathCount", decomposition.Deaths.Length);
            }

            json.Number("totalPersistence0", decomposition.TotalPersistence0)
                .Number("totalPersistence1", decomposition.TotalPersistence1)
                .End();
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(string path, string extension, BirthDeathDecomposition decomposition)
    {
        if (extension == ".npz")
        {
            NpyVector.WriteNpz(path, [("births", decomposition.Births.ToArray()), ("deaths", decomposition.Deaths.ToArray())]);
            return;
        }

        var both = new float[decomposition.Births.Length + decomposition.Deaths.Length];
        decomposition.Births.CopyTo(both);
        decomposition.Deaths.CopyTo(both.AsSpan(decomposition.Births.Length));
        NpyVector.WriteNpy(path, both);
    }
}
