namespace Orchestrator.Client.Core.Workers;

/// <summary>
/// The worker executable (<c>orchestrator-silo</c>) and how to start it: every front end finds it here, so the
/// CLI's <c>train</c>, <c>data</c> and <c>silo</c> verbs and the local silo all start the same program.
/// </summary>
/// <param name="FileName">The program to start (<c>dotnet</c> for a dll).</param>
/// <param name="LeadingArguments">Arguments before the worker's own (the dll's path for <c>dotnet</c>).</param>
public sealed record WorkerExecutable(string FileName, IReadOnlyList<string> LeadingArguments)
{
    /// <summary>Environment variable with the worker's path (a .dll run with dotnet, or an executable); ./orchestrator sets it.</summary>
    public const string PathVariable = "ORCHESTRATOR_SILO_PATH";

    /// <summary>
    /// Set to <c>1</c> in a worker's environment: the worker stops by itself when the front end that started it
    /// dies, even by <c>kill -9</c> (read by the worker's <c>ParentWatch</c>, src/Silo, under the same name).
    /// </summary>
    public const string ParentWatchVariable = "ORCHESTRATOR_PARENT_WATCH";

    /// <summary>What is started, for messages.</summary>
    public string Description => string.Join(' ', [FileName, .. LeadingArguments]);

    /// <summary>
    /// Finds the worker: <see cref="PathVariable"/> when set, else <c>orchestrator-silo.dll</c> next to the
    /// front end or in <c>../silo/</c> (the layout the ./orchestrator script builds).
    /// </summary>
    /// <exception cref="InputException">No worker was found; the message says how to point at one.</exception>
    public static WorkerExecutable Locate()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? At(configured)
                : throw new InputException($"{PathVariable} is '{configured}', which does not exist; build the worker (./orchestrator does it) or fix the variable.");
        }

        var baseDirectory = AppContext.BaseDirectory;
        foreach (var candidate in new[]
                 {
                     Path.Combine(baseDirectory, "orchestrator-silo.dll"),
                     Path.GetFullPath(Path.Combine(baseDirectory, "..", "silo", "orchestrator-silo.dll")),
                 })
        {
            if (File.Exists(candidate))
            {
                return At(candidate);
            }
        }

        throw new InputException(
            $"the worker (orchestrator-silo) was not found; run the CLI through ./orchestrator, or set {PathVariable} to the built orchestrator-silo.dll.");
    }

    /// <summary>A worker at <paramref name="path"/>: a .dll runs under the current dotnet host (or <c>dotnet</c> on the PATH).</summary>
    public static WorkerExecutable At(string path) =>
        path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new WorkerExecutable(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet", [path])
            : new WorkerExecutable(path, []);
}
