namespace Orchestrator.Contracts;

/// <summary>Where a sweep is in its life.</summary>
[GenerateSerializer]
public enum SweepState
{
    /// <summary>No such sweep was submitted.</summary>
    Unknown = 0,

    /// <summary>Trials are pending or running.</summary>
    Running = 1,

    /// <summary>Every trial reached a final state.</summary>
    Finished = 2,

    /// <summary>Cancelled by the user; finished trials keep their results.</summary>
    Cancelled = 3,
}
