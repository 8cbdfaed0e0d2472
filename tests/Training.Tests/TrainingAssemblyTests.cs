namespace Orchestrator.Training.Tests;

public sealed class TrainingAssemblyTests
{
    [Fact]
    public void Training_assembly_loads() => Assert.Equal("Orchestrator.Training", typeof(TrainingAssembly).Assembly.GetName().Name);
}
