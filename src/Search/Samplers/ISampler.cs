namespace Orchestrator.Search.Samplers;

/// <summary>
/// Proposes the next configuration of a search. A sampler holds no state between calls: its answer is a
/// function of the space, the seed and the history alone, so a coordinator that fails over, rebuilds the
/// history from storage and asks again gets the same configuration.
/// </summary>
public interface ISampler
{
    /// <summary>The sampler's name (as in <c>"search": {"sampler": …}</c>).</summary>
    string Name { get; }

    /// <summary>
    /// The configuration for trial <see cref="StudyHistory.NextTrialNumber"/>, or null when the sampler has
    /// nothing left to propose (a grid that is exhausted).
    /// </summary>
    /// <param name="space">A space that <see cref="SearchSpace.Validate"/> accepted.</param>
    /// <param name="seed">The search's seed.</param>
    /// <param name="history">Every trial so far, running ones included.</param>
    /// <exception cref="ArgumentException">The space has a parameter this sampler cannot handle.</exception>
    Configuration? Propose(SearchSpace space, int seed, StudyHistory history);
}
