using System.Diagnostics;

namespace Orchestrator.Grains.Tests;

/// <summary>The silo's --gpus list, through the real silo process: a bad list stops it with exit code 2 and a message naming the entry and the fix.</summary>
public sealed class GpuIndexListTests
{
    [Theory]
    [InlineData("0,a", "error: --gpus: 'a' is not a GPU index; give CUDA device indices separated by commas, e.g. --gpus 0,1")]
    [InlineData("-1", "error: --gpus: '-1' is not a GPU index")]
    [InlineData("0,,1", "error: --gpus: '' is not a GPU index")]
    [InlineData("1,1", "error: --gpus: GPU 1 is listed twice")]
    public async Task A_bad_gpu_list_stops_the_silo_before_it_starts(string gpus, string expected)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { LocalRedisCluster.SiloDll(), "silo", "--gpus", gpus, "--port", "0", "--stop-with-stdin" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith(expected, (await stderr).Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("ready", stdout, StringComparison.Ordinal);
    }
}
