namespace Orchestrator.Training.Tests;

public sealed class TrainingSettingsTests
{
    [Fact]
    public void Training_assembly_loads() => Assert.Equal("Orchestrator.Training", typeof(TrainingSettings).Assembly.GetName().Name);
}
