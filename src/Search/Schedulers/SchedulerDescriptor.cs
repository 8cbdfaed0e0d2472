namespace Orchestrator.Search.Schedulers;

/// <summary>
/// Describes a scheduler to <see cref="SchedulerCatalog"/>. Each scheduler declares one as a nested
/// <c>Descriptor</c> class with a public parameterless constructor: adding a scheduler is adding one file.
/// </summary>
public abstract class SchedulerDescriptor : ComponentDescriptor
{
    /// <summary>Builds the scheduler from named arguments (defaults filled in, unknown names already refused).</summary>
    /// <exception cref="ArgumentException">A value is malformed or out of range; the message names the parameter.</exception>
    public abstract ITrialScheduler Create(ComponentArguments arguments);
}
