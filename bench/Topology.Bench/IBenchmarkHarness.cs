namespace Orchestrator.Topology.Bench;

/// <summary>One timed harness, selected by the first command-line argument. Adding a harness is adding one file.</summary>
internal interface IBenchmarkHarness
{
    /// <summary>The name given on the command line (e.g. <c>topology</c>).</summary>
    string Name { get; }

    /// <summary>One line for the list of harnesses.</summary>
    string Description { get; }

    /// <summary>Runs the harness with the remaining arguments; returns the exit code.</summary>
    int Run(string[] args);
}
