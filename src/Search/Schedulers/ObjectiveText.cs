using System.Globalization;

namespace Orchestrator.Search.Schedulers;

/// <summary>Objective values as reasons print them: four significant digits, invariant culture.</summary>
internal static class ObjectiveText
{
    public static string Of(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
