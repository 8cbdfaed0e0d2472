using MathNet.Numerics.Random;

namespace Orchestrator.Search.Samplers;

/// <summary>
/// The random stream for one proposal: seeded from the search's seed and the number of the trial being
/// proposed, never from a stream kept between calls. That is what lets a sampler answer the same after a
/// failover, and lets two concurrent asks (different trial numbers) differ.
/// </summary>
public static class SamplerRandom
{
    /// <summary>The stream for proposing trial <see cref="StudyHistory.NextTrialNumber"/> of <paramref name="history"/>.</summary>
    public static Random For(int seed, StudyHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return For(seed, history.NextTrialNumber);
    }

    /// <summary>The stream for proposing trial <paramref name="trialNumber"/> of the search seeded <paramref name="seed"/>.</summary>
    public static Random For(int seed, int trialNumber)
    {
        // SplitMix64's finaliser: neighbouring (seed, trial) pairs give unrelated Mersenne Twister seeds.
        var z = unchecked(((ulong)(uint)seed << 32) ^ (uint)trialNumber) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return new MersenneTwister(unchecked((int)(z ^ (z >> 32))), threadSafe: false);
    }
}
