using System.Collections.Immutable;

namespace Orchestrator.Contracts;

/// <summary>A stopping criterion by name with its numeric parameters (e.g. <c>top</c> with <c>patience</c>).</summary>
[GenerateSerializer]
[Immutable]
public sealed record StoppingMethod
{
    /// <summary>Criterion name as in sweep files: <c>top</c>, <c>vl</c> or <c>none</c>.</summary>
    [Id(0)]
    public required string Name { get; init; }

    /// <summary>Criterion parameters by name, as text (numbers in invariant round-trip form); missing ones take the criterion's defaults.</summary>
    [Id(1)]
    public ImmutableSortedDictionary<string, string> Parameters { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Stable text form, e.g. <c>top(patience=3,window=2)</c>: used in ids, tables and file names.</summary>
    public string Describe() => Parameters.Count == 0
        ? Name
        : $"{Name}({string.Join(',', Parameters.Select(p => $"{p.Key}={p.Value}"))})";
}
