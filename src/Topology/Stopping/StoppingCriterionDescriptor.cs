namespace Orchestrator.Topology.Stopping;

/// <summary>
/// Describes a criterion to <see cref="StoppingCriterionCatalog"/>: its name, parameters and defaults,
/// and how to build it. Each criterion declares one as a nested <c>Descriptor</c> class with a public
/// parameterless constructor, so adding a criterion is adding one file: the catalog finds it by reflection.
/// </summary>
public abstract class StoppingCriterionDescriptor
{
    /// <summary>The criterion's stable name (e.g. <c>top</c>); the same as <see cref="IStoppingCriterion.Name"/>.</summary>
    public abstract string Name { get; }

    /// <summary>One line for help texts.</summary>
    public abstract string Description { get; }

    /// <summary>The parameters it accepts, with their defaults.</summary>
    public abstract IReadOnlyList<StoppingCriterionParameter> Parameters { get; }

    /// <summary>
    /// The signals the criterion reads from <see cref="EpochObservation"/>, so a run computes only those
    /// (see <see cref="EpochSignalTracker"/>). The default, <see cref="CriterionSignals.GraphDistance"/>, is
    /// the cheap connectome signature every run records; a criterion that reads anything else overrides it.
    /// </summary>
    public virtual CriterionSignals Signals => CriterionSignals.GraphDistance;

    /// <summary>
    /// Whether a run of this criterion must hold labelled data out of training: exactly when it reads the
    /// validation loss. The one rule that sweep expansion, the <c>train</c> verb and the reports read.
    /// </summary>
    public bool NeedsHoldOut => Signals.HasFlag(CriterionSignals.ValidationLoss);

    /// <summary>Builds a criterion from named arguments (defaults filled in, unknown names already rejected).</summary>
    /// <exception cref="ArgumentException">A value is malformed or out of range; the message names the parameter.</exception>
    public abstract IStoppingCriterion Create(StoppingCriterionArguments arguments);
}
