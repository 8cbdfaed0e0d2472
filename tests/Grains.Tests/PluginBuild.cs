using System.Diagnostics;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// Builds the example plugin (examples/plugin) once, as a user would, into a folder under the tests' working
/// directory, which a silo trusts by default.
/// </summary>
public sealed class PluginBuild : IAsyncLifetime
{
    /// <summary>The folder holding My.Models.dll, relative to the tests' output folder.</summary>
    public const string Folder = "plugins/my-models";

    public async ValueTask InitializeAsync()
    {
        var project = Path.Combine(RepositoryRoot.Find(), "examples", "plugin", "My.Models.csproj");
        var output = Path.Combine(AppContext.BaseDirectory, Folder);
        var start = new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "-o", output, "-nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"building {project} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
