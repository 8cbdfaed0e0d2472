namespace Orchestrator.Contracts;

/// <summary>Wall time of one epoch by phase, in seconds.</summary>
[GenerateSerializer]
[Immutable]
public sealed record EpochSeconds
{
    /// <summary>Training.</summary>
    [Id(0)]
    public double Train { get; init; }

    /// <summary>The probe forward pass.</summary>
    [Id(1)]
    public double Probe { get; init; }

    /// <summary>Computing the connectome from the probe activations.</summary>
    [Id(2)]
    public double Connectome { get; init; }

    /// <summary>The validation pass.</summary>
    [Id(3)]
    public double Validation { get; init; }

    /// <summary>The birth–death decomposition and its distance to the previous epoch.</summary>
    [Id(4)]
    public double Decomposition { get; init; }

    /// <summary>The Vietoris–Rips diagram and its distance (FP trials only).</summary>
    [Id(5)]
    public double Diagram { get; init; }

    /// <summary>Neural persistence of the weights (NP trials only).</summary>
    [Id(6)]
    public double NeuralPersistence { get; init; }

    /// <summary>Everything the topology side did for this epoch: decomposition, baselines' signals and the criterion.</summary>
    [Id(7)]
    public double Topology { get; init; }

    /// <summary>The per-epoch test pass (not part of any method's monitoring cost).</summary>
    [Id(8)]
    public double Test { get; init; }

    /// <summary>
    /// What the training loop waited for monitoring in this epoch: the probe pass, VL's validation pass, the weights
    /// an NP trial copies, the kept copy of the model, and the wait for a stopping decision (all of the topology side
    /// when monitoring runs synchronously; only what was not done yet when monitoring runs concurrently).
    /// </summary>
    [Id(9)]
    public double MonitoringOnPath { get; init; }

    /// <summary>Seconds a method spends monitoring: probe, connectome and every signal computed.</summary>
    public double Monitoring => Probe + Connectome + Decomposition + Diagram + NeuralPersistence;
}
