namespace Orchestrator.Training.Tests;

/// <summary>Tests that rely on torch's process-wide random generator run in this collection, with no other test beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGlobalGenerator
{
    public const string Name = "torch global generator";
}
