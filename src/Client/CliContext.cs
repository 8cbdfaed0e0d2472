namespace Orchestrator.Client;

/// <summary>The streams a command writes to; tests pass their own to run the CLI in-process.</summary>
internal sealed record CliContext(TextWriter Stdout, TextWriter Stderr);
