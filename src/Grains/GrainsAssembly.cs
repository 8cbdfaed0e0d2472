namespace Orchestrator.Grains;

/// <summary>Marker for the grains assembly.</summary>
public static class GrainsAssembly;
