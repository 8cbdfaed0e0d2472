using Orchestrator.Contracts;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Grains;

/// <summary>
/// Creates a trial's criterion with the Topology library's <see cref="StoppingCriterionCatalog"/>: the sweep
/// file's parameters, plus the trial's <c>maxEpochs</c> where the criterion takes one and the file did not set it.
/// </summary>
public sealed class SweepStoppingCriteria(StoppingCriterionCatalog catalog) : IStoppingCriterionFactory
{
    /// <summary>The factory over the library's default catalog.</summary>
    public SweepStoppingCriteria()
        : this(StoppingCriterionCatalog.Default)
    {
    }

    /// <inheritdoc />
    public IStoppingCriterion Create(StoppingMethod method, int maxEpochs)
    {
        ArgumentNullException.ThrowIfNull(method);
        return catalog.Create(method.Name, ArgumentsOf(catalog, method, maxEpochs));
    }

    /// <inheritdoc />
    public CriterionSignals SignalsOf(StoppingMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return catalog.Find(method.Name).Signals;
    }

    /// <summary>The text arguments the catalog gets for <paramref name="method"/> in a trial of <paramref name="maxEpochs"/> epochs.</summary>
    public static Dictionary<string, string> ArgumentsOf(StoppingCriterionCatalog catalog, StoppingMethod method, int maxEpochs)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(method);
        var arguments = new Dictionary<string, string>(method.Parameters, StringComparer.OrdinalIgnoreCase);
        var declaresMaxEpochs = catalog.Find(method.Name).Parameters.Any(p => string.Equals(p.Name, "maxEpochs", StringComparison.OrdinalIgnoreCase));
        if (declaresMaxEpochs && !arguments.ContainsKey("maxEpochs"))
        {
            arguments["maxEpochs"] = maxEpochs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return arguments;
    }
}
