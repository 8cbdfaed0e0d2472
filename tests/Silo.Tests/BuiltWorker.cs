namespace Orchestrator.Silo.Tests;

/// <summary>The worker as the CLI starts it: the dll built in src/Silo/bin for this configuration.</summary>
internal static class BuiltWorker
{
    public static string Dll() => RepositoryRoot.BuiltWorker();
}
