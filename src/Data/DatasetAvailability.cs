namespace Orchestrator.Data;

/// <summary>Whether a dataset can be loaded on this machine, from where, and how to install it if not.</summary>
/// <param name="Name">Dataset name.</param>
/// <param name="Available">True when its files are present.</param>
/// <param name="Location">Where it is (or would be) read from.</param>
/// <param name="Detail">Source and split, or what is missing.</param>
/// <param name="InstallHint">The command or step that makes it available; empty when available.</param>
public sealed record DatasetAvailability(string Name, bool Available, string Location, string Detail, string InstallHint);
