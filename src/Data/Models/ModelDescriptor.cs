namespace Orchestrator.Data.Models;

/// <summary>
/// Describes a network to <see cref="ModelDescriptorCatalog"/>: its name, which datasets it is the default
/// network of, and its architecture as data. Each model is one sealed subclass with a public parameterless
/// constructor, so adding a model of an existing family is adding one file: the catalog finds it by reflection.
/// </summary>
public abstract class ModelDescriptor
{
    /// <summary>The model's stable name, as written on the command line and in sweep files (e.g. <c>mlp-fashion</c>).</summary>
    public abstract string Name { get; }

    /// <summary>One line for help texts.</summary>
    public abstract string Description { get; }

    /// <summary>The datasets whose default network this is (the paper's network for each).</summary>
    public virtual IReadOnlyList<string> DefaultFor => [];

    /// <summary>
    /// True for the one model used by datasets no model claims in <see cref="DefaultFor"/>, so a new dataset
    /// trains without touching any model file.
    /// </summary>
    public virtual bool IsFallbackDefault => false;

    /// <summary>The network's shape at width multiplier 1.</summary>
    public abstract ModelArchitecture Architecture { get; }
}
