using Orchestrator.Contracts;
using Orchestrator.Contracts.Sweeps;

namespace Orchestrator.Client.Sweeps;

/// <summary>Reads a sweep file for a command; any validation error is bad input (exit code 2, nothing started).</summary>
internal static class SweepFileLoader
{
    public static SweepDefinition Load(string path)
    {
        var result = SweepFile.Load(path);
        if (!result.IsValid)
        {
            throw new InputException($"invalid sweep file '{path}':\n  " + string.Join("\n  ", result.Errors));
        }

        return result.Definition!;
    }
}
