namespace Orchestrator.Data.Tests;

public sealed class TrainingDevicesTests
{
    [Fact]
    public void The_devices_are_cpu_cuda_and_auto_with_cpu_first()
    {
        Assert.Equal(["cpu", "cuda", "auto"], TrainingDevices.Names);
        Assert.Equal("cpu, cuda or auto", TrainingDevices.Listed);
        Assert.True(TrainingDevices.IsKnown("cuda"));
        Assert.False(TrainingDevices.IsKnown("tpu"));
    }
}
