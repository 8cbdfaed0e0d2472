using Orchestrator.Data.Models;

namespace Orchestrator.Data;

/// <summary>What a run's model text names: a catalog model (<c>mlp-fashion</c>) or a user's own network (<see cref="UserModelReference"/>).</summary>
public static class ModelSource
{
    /// <summary>True for a catalog name or a user model's canonical text.</summary>
    public static bool IsKnown(string model) =>
        model is not null && (UserModelReference.IsReference(model) || ModelDescriptorCatalog.Default.IsKnown(model));

    /// <summary>A short name for tables: the catalog name, or the user model's file or type.</summary>
    public static string DisplayName(string model) =>
        UserModelReference.IsReference(model) ? UserModelReference.Parse(model).DisplayName : model;
}
