using System.Globalization;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// Reads a sweep file for a command: the file's own rules (<see cref="SweepFile"/>), then each stopping
/// method built once with the Topology catalog so bad parameters are caught before anything is scheduled.
/// Any error is bad input (exit code 2, nothing started).
/// </summary>
public static class SweepFileLoader
{
    /// <summary>Loads and validates <paramref name="path"/>, writing each warning (<see cref="SweepWarnings"/>) to <paramref name="warnings"/>.</summary>
    public static SweepDefinition Load(string path, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var definition = Load(path);
        foreach (var warning in SweepWarnings.Of(definition))
        {
            warnings.WriteLine($"warning: {warning}");
        }

        return definition;
    }

    public static SweepDefinition Load(string path)
    {
        var result = SweepFile.Load(path);
        var errors = result.Errors.ToList();
        if (result.Definition is { } definition)
        {
            errors.AddRange(CheckStopping(definition));
        }

        if (errors.Count > 0)
        {
            throw new InputException($"invalid sweep file '{path}':\n  " + string.Join("\n  ", errors));
        }

        return result.Definition!;
    }

    public static IEnumerable<SweepValidationError> CheckStopping(SweepDefinition definition)
    {
        var catalog = StoppingCriterionCatalog.Default;
        var methods = definition.Stopping.Select((m, i) => (Method: m, Path: $"stopping[{i}]")).ToList();
        if (definition.Refit is { } refit)
        {
            methods.Add((refit.Stopping, "refit.stopping"));
        }

        foreach (var (method, path) in methods)
        {
            string? problem = null;
            try
            {
                var descriptor = catalog.Find(method.Name);
                var arguments = new Dictionary<string, string>(method.Parameters, StringComparer.OrdinalIgnoreCase);
                if (descriptor.Parameters.Any(p => string.Equals(p.Name, "maxEpochs", StringComparison.OrdinalIgnoreCase)) && !arguments.ContainsKey("maxEpochs"))
                {
                    arguments["maxEpochs"] = definition.MaxEpochs.ToString(CultureInfo.InvariantCulture);
                }

                catalog.Create(method.Name, arguments);
            }
            catch (ArgumentException ex)
            {
                problem = ex.Message.Split('\n')[0].TrimEnd();
            }

            if (problem is not null)
            {
                yield return new SweepValidationError(path, problem);
            }
        }
    }
}
