namespace Orchestrator.Grains;

/// <summary>Names of the Orleans providers the grains use; hosting registers them.</summary>
public static class OrchestratorStorage
{
    /// <summary>Grain storage for run, topology, coordinator and registry state.</summary>
    public const string Name = "orchestrator";
}
