using System.Text.Json;
using Orchestrator.Contracts;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Sweeps;

/// <summary>
/// The <c>refit</c> block of a sweep file: <c>{"stopping": "top"}</c> or <c>{"stopping": {"method": "top",
/// "parameters": {…}}}</c>. A refit needs a search with an objective (it refits the search's best configuration),
/// and a criterion that needs no hold-out: the refit trains on the hold-out too, so a criterion reading the
/// validation loss (<see cref="StoppingCriterionDescriptor.NeedsHoldOut"/>) would have nothing to read.
/// </summary>
internal sealed class RefitFieldReader(JsonFieldReader fields, StoppingCriterionCatalog criteria, Func<JsonElement, string, StoppingMethod?> readMethod)
{
    private const string Shape = "{\"stopping\": {\"method\": \"top\"}}";

    /// <summary>The refit, or null when absent or wrong.</summary>
    public SweepRefit? Read(JsonElement root, bool searching, SweepObjective? objective)
    {
        if (!root.TryGetProperty("refit", out var refit))
        {
            return null;
        }

        if (refit.ValueKind != JsonValueKind.Object)
        {
            fields.Error("refit", $"must be an object {Shape}");
            return null;
        }

        if (!searching)
        {
            fields.Error("refit", "needs a search (a space and a search block): it trains the search's best configuration again on all labelled data");
        }
        else if (objective is null && !root.TryGetProperty("objective", out _))
        {
            fields.Error("refit", "needs an objective to choose the configuration it refits: {\"metric\": \"validation_accuracy\", \"mode\": \"max\"}");
        }

        fields.CheckUnknown(refit, "refit.", SweepSchema.RefitProperties);
        if (!refit.TryGetProperty("stopping", out var stopping))
        {
            fields.Error("refit.stopping", $"is required: the refit's one stopping method, e.g. {Shape}");
            return null;
        }

        if (stopping.ValueKind == JsonValueKind.Array)
        {
            fields.Error("refit.stopping", $"must be one method (a name or {{\"method\": …, \"parameters\": {{…}}}}), not a list: the refit is one trial");
            return null;
        }

        if (readMethod(stopping, "refit.stopping") is not { } method)
        {
            return null;
        }

        if (criteria.Find(method.Name).NeedsHoldOut)
        {
            var labelFree = criteria.Names.Where(n => !criteria.Find(n).NeedsHoldOut);
            fields.Error(
                stopping.ValueKind == JsonValueKind.Object ? "refit.stopping.method" : "refit.stopping",
                $"'{method.Name}' reads the validation hold-out, which the refit gives back to training; use a criterion that needs no hold-out: {JsonFieldReader.Allowed(labelFree)}");
            return null;
        }

        return new SweepRefit { Stopping = method };
    }
}
