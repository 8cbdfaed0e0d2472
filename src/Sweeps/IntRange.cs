namespace Orchestrator.Sweeps;

/// <summary>An inclusive range of whole numbers a setting must fall in.</summary>
public sealed record IntRange(int Min, int Max)
{
    /// <summary>True when <paramref name="value"/> is in range.</summary>
    public bool Contains(int value) => value >= Min && value <= Max;

    /// <summary>The rule in words, for error messages.</summary>
    public string Rule => $"must be in [{Min}, {Max}]";
}
