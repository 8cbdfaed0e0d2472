using System.Diagnostics;

namespace Orchestrator.Client.Tests;

/// <summary>
/// scripts/private-build-copies.sh, which ./orchestrator and local-cluster.sh run on their build output: a later
/// build that rewrites obj/ in place must not change the assemblies a running silo or CLI has mapped.
/// </summary>
public sealed class PrivateBuildCopiesScriptTests
{
    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var result = await CliFixture.RunToEnd(start);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', args)}: exit {result.ExitCode}: {result.Stderr}");
    }

    [Fact]
    public async Task The_products_own_files_stop_sharing_obj_files_while_package_files_stay_linked()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the scripts are bash; Windows users run the CLI through dotnet directly
        }

        using var dir = new TemporaryDirectory();
        var obj = Directory.CreateDirectory(dir.File("obj")).FullName;
        var output = Directory.CreateDirectory(dir.File("out")).FullName;
        foreach (var name in new[] { "Orchestrator.Grains.dll", "orchestrator-silo.dll", "TorchSharp.dll" })
        {
            File.WriteAllText(Path.Combine(obj, name), "built 1");
            await RunAsync("ln", Path.Combine(obj, name), Path.Combine(output, name));
        }

        await RunAsync("bash", RepositoryRoot.Path("scripts", "private-build-copies.sh"), output);

        // The next build writes into the same files (same inode, as the compiler does).
        foreach (var name in new[] { "Orchestrator.Grains.dll", "orchestrator-silo.dll", "TorchSharp.dll" })
        {
            File.WriteAllText(Path.Combine(obj, name), "built 2");
        }

        Assert.Equal("built 1", File.ReadAllText(Path.Combine(output, "Orchestrator.Grains.dll")));
        Assert.Equal("built 1", File.ReadAllText(Path.Combine(output, "orchestrator-silo.dll")));
        Assert.Equal("built 2", File.ReadAllText(Path.Combine(output, "TorchSharp.dll")));
        Assert.Equal(["Orchestrator.Grains.dll", "TorchSharp.dll", "orchestrator-silo.dll"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
