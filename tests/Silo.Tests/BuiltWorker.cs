namespace Orchestrator.Silo.Tests;

/// <summary>The worker as the CLI starts it: the dll built in src/Silo/bin for this configuration.</summary>
internal static class BuiltWorker
{
    public static string Dll()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Orchestrator.slnx")))
        {
            root = root.Parent;
        }

        return Path.Combine(root?.FullName ?? throw new InvalidOperationException("Orchestrator.slnx not found above the test output"), "src", "Silo", "bin", configuration, "net10.0", "orchestrator-silo.dll");
    }
}
