using Orchestrator.Data;
using Orchestrator.Data.Models;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Sweeps;

/// <summary>
/// The catalogs a sweep file's names are checked against and its trials expanded with. There is no list
/// of names in this library: a dataset, model or criterion added to its catalog is accepted here at once.
/// </summary>
public sealed record SweepCatalogs
{
    /// <summary>The catalogs of the libraries themselves.</summary>
    public static SweepCatalogs Default { get; } = new();

    /// <summary>Stopping criteria (the <c>stopping</c> methods); also says which need a labelled hold-out.</summary>
    public StoppingCriterionCatalog Criteria { get; init; } = StoppingCriterionCatalog.Default;

    /// <summary>Datasets (the <c>dataset</c> property).</summary>
    public DatasetCatalog Datasets { get; init; } = DatasetCatalog.Default;

    /// <summary>Models (the <c>model</c> property).</summary>
    public ModelDescriptorCatalog Models { get; init; } = ModelDescriptorCatalog.Default;
}
