using System.Reflection;

namespace Orchestrator.Search.Schedulers;

/// <summary>The cross-trial schedulers by name (<c>median</c>, <c>asha</c>, …), discovered by reflection.</summary>
public sealed class SchedulerCatalog : ComponentCatalog<SchedulerDescriptor>
{
    /// <param name="descriptors">The schedulers it knows; names distinct (case-insensitive).</param>
    public SchedulerCatalog(IEnumerable<SchedulerDescriptor> descriptors)
        : base("scheduler", descriptors)
    {
    }

    /// <summary>The schedulers of this library.</summary>
    public static SchedulerCatalog Default { get; } = Discover(typeof(ITrialScheduler).Assembly);

    /// <summary>A catalog of every scheduler descriptor found in <paramref name="assemblies"/>.</summary>
    public static SchedulerCatalog Discover(params Assembly[] assemblies) => new(DiscoverIn(assemblies));

    /// <summary>Creates the scheduler <paramref name="name"/> with <paramref name="parameters"/> (missing ones take their defaults).</summary>
    /// <exception cref="ArgumentException">Unknown scheduler or parameter, or a bad value; the message says what is allowed.</exception>
    public ITrialScheduler Create(string name, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var descriptor = Find(name);
        return descriptor.Create(ArgumentsFor(descriptor, parameters));
    }
}
