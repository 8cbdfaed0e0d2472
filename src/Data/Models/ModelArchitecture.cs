namespace Orchestrator.Data.Models;

/// <summary>
/// A network's shape as plain data, at width multiplier 1: the training engine builds the Torch network
/// from it (one builder per family), and anything without Torch can still read and print it.
/// </summary>
public abstract record ModelArchitecture
{
    /// <summary>One line for help texts, e.g. <c>MLP 256-128</c>.</summary>
    public abstract string Summary { get; }
}
