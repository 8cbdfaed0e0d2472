using TorchSharp;

namespace Orchestrator.Training.Tests;

/// <summary>
/// The device choice on a machine without a GPU: every way CUDA can be unavailable gives a message that
/// says how to point at a CUDA libtorch, and <c>auto</c> falls back to the CPU saying why.
/// </summary>
public sealed class TorchRuntimeTests
{
    [Fact]
    public void Cuda_without_a_configured_libtorch_says_how_to_find_one()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TorchRuntime.ResolveDevice("cuda", " "));

        Assert.StartsWith("--device cuda: no CUDA libtorch is configured", error.Message, StringComparison.Ordinal);
        Assert.Contains(TorchRuntime.LibTorchDirectoryVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains("import torch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cuda_with_a_missing_directory_names_the_directory()
    {
        var missing = Path.Combine(Path.GetTempPath(), "orchestrator-no-such-libtorch-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<InvalidOperationException>(() => TorchRuntime.ResolveDevice("cuda", missing));

        Assert.Contains($"libtorch directory '{missing}' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cuda_with_a_cpu_only_libtorch_names_the_first_missing_cuda_library()
    {
        // The CPU libtorch TorchSharp itself loaded: loading it again by the same path is harmless.
        Assert.Equal(DeviceType.CPU, TorchRuntime.ResolveDevice("cpu").type);
        var cpuLibTorch = CpuLibTorchDirectory();

        var error = Assert.Throws<InvalidOperationException>(() => TorchRuntime.ResolveDevice("cuda", cpuLibTorch));

        Assert.Contains($"could not load {Path.Combine(cpuLibTorch, "libc10_cuda.so")}", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a CUDA build of libtorch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_without_cuda_runs_on_the_cpu_and_says_why()
    {
        var device = TorchRuntime.ResolveDevice("auto", CpuLibTorchDirectory(), null, out var reason);

        Assert.Equal(DeviceType.CPU, device.type);
        Assert.NotNull(reason);
        Assert.Contains("libc10_cuda.so", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cpu_ignores_a_gpu_index_and_never_reports_a_fallback()
    {
        var device = TorchRuntime.ResolveDevice("cpu", null, 3, out var reason);

        Assert.Equal(DeviceType.CPU, device.type);
        Assert.Null(reason);
    }

    [Fact]
    public void A_gpu_list_on_a_cpu_only_libtorch_is_refused_naming_the_missing_cuda_library()
    {
        var reason = TorchRuntime.CheckGpus([0], CpuLibTorchDirectory());

        Assert.NotNull(reason);
        Assert.Contains("libc10_cuda.so", reason, StringComparison.Ordinal);
        Assert.Contains(TorchRuntime.LibTorchDirectoryVariable, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_device_is_rejected_with_the_allowed_values()
    {
        var error = Assert.Throws<ArgumentException>(() => TorchRuntime.ResolveDevice("tpu"));

        Assert.Contains("'tpu' is not one of cpu, cuda, auto", error.Message, StringComparison.Ordinal);
    }

    private static string CpuLibTorchDirectory()
    {
        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        var directory = File.Exists(Path.Combine(native, "libtorch_cpu.so")) ? native : AppContext.BaseDirectory;
        Assert.True(File.Exists(Path.Combine(directory, "libtorch_cpu.so")), $"TorchSharp's CPU libtorch is not under {AppContext.BaseDirectory}");
        return directory;
    }
}
