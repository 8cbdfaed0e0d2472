namespace Orchestrator.Training.Tests;

/// <summary>Reading a GPU's memory through the CUDA driver: on a machine without one it says so and what to do.</summary>
public sealed class CudaMemoryInfoTests
{
    [Fact]
    public void Without_an_nvidia_driver_gpu_memory_is_not_read_and_the_error_says_why_and_the_fix()
    {
        Assert.SkipWhen(File.Exists("/proc/driver/nvidia/version"), "this machine has an NVIDIA driver: scripts/gpu-check/trials-per-gpu.sh reads its memory instead");

        var memory = CudaMemoryInfo.TryRead(0, out var error);

        Assert.Null(memory);
        Assert.StartsWith("the CUDA driver library libcuda.so.1 is not installed (no NVIDIA driver)", error, StringComparison.Ordinal);
        Assert.Contains("run without --gpu-memory-margin", error, StringComparison.Ordinal);
    }
}
