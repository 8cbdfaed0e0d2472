namespace Orchestrator.Search;

/// <summary>What samplers and schedulers declare alike: a name, one line of help, and their parameters.</summary>
public abstract class ComponentDescriptor
{
    /// <summary>The stable name used in sweep files (e.g. <c>tpe</c>, <c>asha</c>).</summary>
    public abstract string Name { get; }

    /// <summary>One line for help texts.</summary>
    public abstract string Description { get; }

    /// <summary>The parameters it accepts, with their defaults.</summary>
    public abstract IReadOnlyList<ComponentParameter> Parameters { get; }
}
