namespace Orchestrator.Training;

/// <summary>A GPU's memory as its driver reports it (all processes together).</summary>
/// <param name="FreeBytes">Memory not allocated by any process or context.</param>
/// <param name="TotalBytes">The device's memory.</param>
public readonly record struct GpuMemory(long FreeBytes, long TotalBytes);
