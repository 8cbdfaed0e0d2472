namespace Orchestrator.Search;

/// <summary>
/// How one hyperparameter is drawn. The four kinds are the space syntax's keys (<c>uniform</c>,
/// <c>loguniform</c>, <c>int</c>, <c>choice</c>); samplers switch over them, which is why the set is closed.
/// </summary>
public abstract record ParameterDistribution
{
    private protected ParameterDistribution()
    {
    }

    /// <summary>The key that names this distribution in a space block (e.g. <c>loguniform</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>Whether <paramref name="value"/> is one this distribution can produce.</summary>
    public abstract bool Contains(ParameterValue value);

    /// <summary>Every problem with the distribution's own settings, as messages saying what is allowed.</summary>
    public abstract IEnumerable<string> Problems();

    /// <summary>A value drawn from the distribution itself (what the random sampler and TPE's start-up use).</summary>
    public abstract ParameterValue SamplePrior(Random random);
}
