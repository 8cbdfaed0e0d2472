using System.Text.Json;
using Orchestrator.Contracts;

namespace Orchestrator.Sweeps;

/// <summary>
/// Whether two definitions are the same sweep, by value (records holding immutable arrays compare those by
/// reference): a resubmission of the same sweep reuses its trials, a different one under the same id is a collision.
/// </summary>
public static class SweepDefinitionIdentity
{
    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> hold the same settings, name included.</summary>
    public static bool Same(SweepDefinition a, SweepDefinition b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);
    }
}
