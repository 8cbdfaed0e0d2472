using System.CommandLine;
using Orchestrator.Client.Files;
using Orchestrator.Topology.Homology;

namespace Orchestrator.Client.Commands;

/// <summary>`topology persistence --matrix W [--maxdim 1] [--threshold T]`: Vietoris–Rips diagrams of d = 1 − |w| (FP).</summary>
internal static class PersistenceCommand
{
    public static Command Create(CliContext context)
    {
        var matrix = new Option<string>("--matrix")
        {
            Description = "Connectome W (.csv or .npy, n×n, weights in [−1, 1]); only the strict upper triangle is read, NaN counts as 0.",
            Required = true,
        };
        var maxDimension = new Option<int>("--maxdim") { Description = "Highest homology dimension: 0 or 1.", DefaultValueFactory = _ => 1 };
        var threshold = new Option<float?>("--threshold") { Description = "Largest distance in the complex (default: the enclosing radius, which changes nothing)." };
        var command = new Command(
            "persistence",
            "Prints {\"n\", \"distance\":\"1-abs\", \"h0\":[[birth,death],…], \"h1\":[…]} as JSON: Vietoris–Rips persistence of d = 1 − |w|; ∞ is null, zero-length pairs omitted.")
        {
            matrix,
            maxDimension,
            threshold,
        };
        command.SetAction(parse =>
        {
            var dimension = parse.GetValue(maxDimension);
            if (dimension is not (0 or 1))
            {
                throw new InputException($"--maxdim is {dimension}; it must be 0 or 1.");
            }

            var limit = parse.GetValue(threshold);
            if (limit is float t && !(t >= 0 && float.IsFinite(t)))
            {
                throw new InputException($"--threshold is {t}; it must be a finite number ≥ 0.");
            }

            var path = parse.GetValue(matrix)!;
            var w = ConnectomeFile.Read(path, "--matrix");
            if (dimension == 1 && w.Size > VietorisRipsPersistence.MaxPointsForH1)
            {
                throw new InputException($"--matrix '{path}' has n = {w.Size}; H1 is limited to n ≤ {VietorisRipsPersistence.MaxPointsForH1} (use --maxdim 0).");
            }

            RipsDistanceMatrix distances;
            try
            {
                distances = RipsDistanceMatrix.FromConnectome(w);
            }
            catch (ArgumentException ex)
            {
                throw new InputException($"--matrix '{path}': {ex.Message.Split('\n')[0].Split(" (Parameter")[0]}");
            }

            var result = VietorisRipsPersistence.Compute(distances, dimension, limit);
            context.Stdout.WriteLine(PersistenceDiagramJson.Write(result, dimension));
            return ExitCodes.Ok;
        });
        return command;
    }
}
