using System.CommandLine;
using System.Globalization;
using Orchestrator.Client.Files;
using Orchestrator.Topology;

namespace Orchestrator.Client.Commands;

/// <summary>`topology connectome --activations X --out W`: W = |Pearson r| between the columns (neurons) of X.</summary>
internal static class ConnectomeCommand
{
    public static Command Create(CliContext context)
    {
        var activations = new Option<string>("--activations")
        {
            Description = "Activation matrix (.csv or .npy): one row per probe sample, one column per neuron.",
            Required = true,
        };
        var output = new Option<string>("--out")
        {
            Description = "Where to write W (.csv or .npy, n×n float32); written atomically.",
            Required = true,
        };
        var command = new Command("connectome", "Computes the functional connectome W = |Pearson r| between neurons.") { activations, output };
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output)!;
            _ = MatrixFile.FormatOf(outPath, "--out");
            var x = MatrixFile.Read(parse.GetValue(activations)!, "--activations");
            var source = $"--activations '{parse.GetValue(activations)}'";
            if (x.Rows < 2)
            {
                throw new InputException($"{source}: it has 1 row (probe sample); a correlation needs at least 2 rows.");
            }

            if (x.Columns > ConnectomeMatrix.MaxSize)
            {
                throw new InputException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{source}: it has {x.Columns:N0} columns (neurons); a connectome holds at most {ConnectomeMatrix.MaxSize:N0} neurons (its n × n matrix is one array). Pass the hidden activations with one column per neuron."));
            }

            for (long k = 0; k < x.Values.Length; k++)
            {
                var v = x.Values[k];
                if (!float.IsFinite(v))
                {
                    throw new InputException(
                        $"{source}: row {(k / x.Columns) + 1}, column {(k % x.Columns) + 1} is {(float.IsNaN(v) ? "nan" : v > 0 ? "+inf" : "-inf")}; activations must be finite.");
                }
            }

            var w = FunctionalConnectome.Compute(x.Values, x.Rows, x.Columns);
            MatrixFile.Write(outPath, new DenseMatrix(w.Size, w.Size, w.Values.ToArray()), "--out");
            context.Stderr.WriteLine($"wrote {w.Size}×{w.Size} connectome of {x.Rows} samples to {outPath}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
