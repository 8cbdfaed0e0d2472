namespace Orchestrator.Tests;

/// <summary>The checkout these tests run from (the folder holding Orchestrator.slnx) and what is built in it.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Orchestrator.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Orchestrator.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A path below the checkout, e.g. <c>Path("experiments")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Find(), .. parts]);

    /// <summary>The worker dll built in the same configuration as this test assembly (built, not referenced, by the test projects).</summary>
    public static string BuiltWorker()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        return Path("src", "Silo", "bin", output.Parent!.Name, output.Name, "orchestrator-silo.dll");
    }
}
