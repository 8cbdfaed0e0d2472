using System.Diagnostics;
using Orchestrator.Training;

namespace Orchestrator.Silo.Tests;

/// <summary>
/// The silo's --gpus list, through the real silo process: a bad list, or GPUs the machine cannot use, stop it
/// with exit code 2 and a message naming the entry and the fix, before it joins a cluster.
/// </summary>
public sealed class GpuIndexListTests
{
    [Theory]
    [InlineData("0,a", "error: --gpus: 'a' is not a GPU index; give CUDA device indices separated by commas, e.g. --gpus 0,1")]
    [InlineData("-1", "error: --gpus: '-1' is not a GPU index")]
    [InlineData("0,,1", "error: --gpus: '' is not a GPU index")]
    [InlineData("1,1", "error: --gpus: GPU 1 is listed twice")]
    [InlineData("0:0", "error: --gpus: '0:0' has a bad trial count; write GPU:TRIALS with 1 to 64 trials")]
    [InlineData("0:x", "error: --gpus: '0:x' has a bad trial count")]
    [InlineData("0:2,0:2", "error: --gpus: GPU 0 is listed twice; list it once, with its trial count")]
    public async Task A_bad_gpu_list_stops_the_silo_before_it_starts(string gpus, string expected)
    {
        var (exitCode, stdout, stderr) = await RunSiloAsync(gpus);

        Assert.Equal(2, exitCode);
        Assert.StartsWith(expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("ready", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gpu_list_without_a_cuda_libtorch_stops_the_silo_and_says_how_to_point_at_one()
    {
        var (exitCode, stdout, stderr) = await RunSiloAsync("0");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: --gpus: no CUDA libtorch is configured", stderr, StringComparison.Ordinal);
        Assert.Contains(TorchRuntime.LibTorchDirectoryVariable, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("ready", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--gpus", "0", "--gpu-memory-margin", "x" }, null, "error: --gpu-memory-margin: 'x' is not a margin; give a percentage of a trial's peak GPU memory from 0 to 1000, e.g. 20")]
    [InlineData(new[] { "--gpus", "0", "--gpu-memory-margin", "-5" }, null, "error: --gpu-memory-margin: '-5' is not a margin")]
    [InlineData(new[] { "--gpu-memory-margin", "20" }, null, "error: --gpu-memory-margin: memory admission is for GPU slots; give --gpus too, or drop the margin")]
    [InlineData(new[] { "--gpus", "0" }, "lots", "error: ORCHESTRATOR_GPU_MEMORY_MARGIN: 'lots' is not a margin")]
    public async Task A_bad_gpu_memory_margin_stops_the_silo_before_it_starts(string[] arguments, string? environment, string expected)
    {
        var (exitCode, stdout, stderr) = await RunSiloAsync(arguments, environment);

        Assert.Equal(2, exitCode);
        Assert.StartsWith(expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("ready", stdout, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunSiloAsync(string gpus) => RunSiloAsync(["--gpus", gpus], null);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunSiloAsync(string[] arguments, string? memoryMargin)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment.Remove(TorchRuntime.LibTorchDirectoryVariable);
        start.Environment.Remove(GpuIndexList.MemoryMarginVariable);
        if (memoryMargin is not null)
        {
            start.Environment[GpuIndexList.MemoryMarginVariable] = memoryMargin;
        }

        foreach (var argument in (string[])[BuiltWorker.Dll(), "silo", .. arguments, "--port", "0", "--stop-with-stdin"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, stdout, (await stderr).Trim());
    }
}
