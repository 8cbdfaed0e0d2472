namespace Orchestrator.Topology.Stopping;

/// <summary>A criterion deciding with <see cref="SmoothedPlateauRule"/> (TOP, FP): its rule's state, e.g. the threshold band, can be read while it runs.</summary>
public interface IPlateauCriterion
{
    /// <summary>The plateau rule the criterion feeds its signal to.</summary>
    SmoothedPlateauRule Rule { get; }
}
