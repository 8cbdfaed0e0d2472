using System.Globalization;
using Orchestrator.Contracts;
using Orchestrator.Topology;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Sweeps;

/// <summary>
/// What a valid sweep file may still get wrong, said at submission without refusing it: a stopping criterion
/// that cannot fire within <see cref="SweepDefinition.MaxEpochs"/> (it then behaves exactly like <c>none</c>),
/// and a criterion-level <c>maxEpochs</c> above the sweep's (the sweep's limit wins).
/// </summary>
public static class SweepWarnings
{
    /// <summary>How far the earliest-stop search looks; a criterion that has not stopped by then never stops early.</summary>
    public const int SearchLimit = 10_000;

    /// <summary>The warnings for <paramref name="definition"/>, each on the JSON path of the method it concerns.</summary>
    /// <param name="definition">A validated sweep.</param>
    /// <param name="catalog">The criteria; null for <see cref="StoppingCriterionCatalog.Default"/>.</param>
    public static IReadOnlyList<SweepValidationError> Of(SweepDefinition definition, StoppingCriterionCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        catalog ??= StoppingCriterionCatalog.Default;
        var warnings = new List<SweepValidationError>();
        var methods = definition.Stopping.Select((m, i) => (Method: m, Path: $"stopping[{i}]")).ToList();
        if (definition.Refit is { } refit)
        {
            methods.Add((refit.Stopping, "refit.stopping"));
        }

        foreach (var (method, path) in methods)
        {
            var limit = definition.MaxEpochs;
            if (method.Parameters.TryGetValue("maxEpochs", out var own) && int.TryParse(own, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ownLimit))
            {
                if (ownLimit > definition.MaxEpochs)
                {
                    warnings.Add(new SweepValidationError(
                        path + ".parameters.maxEpochs",
                        $"{ownLimit} exceeds the sweep's maxEpochs {definition.MaxEpochs}, so trials still end at epoch {definition.MaxEpochs}; lower it, or raise the sweep's maxEpochs"));
                }

                limit = Math.Min(limit, ownLimit);
            }

            if (EarliestStop(method, catalog) is { } earliest && earliest > limit)
            {
                warnings.Add(new SweepValidationError(
                    path,
                    $"{method.Describe()} cannot stop before epoch {earliest.ToString(CultureInfo.InvariantCulture)} (warm-up + smoothing window + patience), but trials end at epoch {limit}: it will behave exactly like `none`; raise maxEpochs to at least {earliest} or lower its warmUp, window or patience"));
            }
        }

        return warnings;
    }

    /// <summary>
    /// The first epoch at which <paramref name="method"/> can stop before its epoch limit: the criterion itself is
    /// run on a signal that never improves (the soonest any rule of "no improvement for a while" can fire), so
    /// the answer follows whatever rule the criterion has. Null for one that never stops early (<c>none</c>) or
    /// cannot be built.
    /// </summary>
    public static int? EarliestStop(StoppingMethod method, StoppingCriterionCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        catalog ??= StoppingCriterionCatalog.Default;
        IStoppingCriterion criterion;
        try
        {
            var descriptor = catalog.Find(method.Name);
            var arguments = new Dictionary<string, string>(method.Parameters, StringComparer.OrdinalIgnoreCase);
            if (descriptor.Parameters.Any(p => string.Equals(p.Name, "maxEpochs", StringComparison.OrdinalIgnoreCase)))
            {
                arguments["maxEpochs"] = (SearchLimit + 1).ToString(CultureInfo.InvariantCulture);
            }

            criterion = catalog.Create(method.Name, arguments);
        }
        catch (ArgumentException)
        {
            return null;
        }

        for (var epoch = 1; epoch <= SearchLimit; epoch++)
        {
            // Epoch 1 has no previous epoch to measure a distance from, as in a real trial.
            var observation = new EpochObservation(epoch, 1.0)
            {
                ValidationLoss = 1.0,
                GraphDistance = epoch > 1 ? new TopologicalDistance(2, 1.0, 1.0, 1.0) : null,
                DiagramDistance = epoch > 1 ? 1.0 : null,
                NeuralPersistence = 1.0,
            };
            StoppingDecision decision;
            try
            {
                decision = criterion.Observe(observation);
            }
            catch (ArgumentException)
            {
                return null;
            }

            if (decision.ShouldStop)
            {
                return epoch;
            }
        }

        return null;
    }
}
