namespace Orchestrator.Data;

/// <summary>
/// The most epochs one run may train: one source of truth for sweep files (<c>maxEpochs</c>), the <c>train</c>
/// verb's <c>--epochs</c> and the checkpoint reader, which refuses an epoch number outside [0, <see cref="Max"/>].
/// </summary>
public static class EpochLimit
{
    /// <summary>The largest epoch count a run may ask for.</summary>
    public const int Max = 10_000;
}
