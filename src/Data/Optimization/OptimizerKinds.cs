namespace Orchestrator.Data.Optimization;

/// <summary>The optimizers a sweep or the <c>train</c> verb may name; the training engine implements each.</summary>
public static class OptimizerKinds
{
    /// <summary>SGD with momentum (and optionally Nesterov's), <c>torch.optim.SGD</c>'s update.</summary>
    public const string Sgd = "sgd";

    /// <summary>Adam with L2 weight decay added to the gradient, <c>torch.optim.Adam</c>'s update.</summary>
    public const string Adam = "adam";

    /// <summary>Adam with decoupled weight decay, <c>torch.optim.AdamW</c>'s update.</summary>
    public const string AdamW = "adamw";

    /// <summary>Every optimizer name, as written in files.</summary>
    public static readonly IReadOnlyList<string> Names = [Sgd, Adam, AdamW];

    /// <summary>True for a known name (exact).</summary>
    public static bool IsKnown(string name) => Names.Contains(name);

    /// <summary>True when the optimizer reads <c>momentum</c> (only SGD; Adam's momentum is its first beta).</summary>
    public static bool UsesMomentum(string name) => name == Sgd;

    /// <summary>True when the optimizer reads <c>betas</c>.</summary>
    public static bool UsesBetas(string name) => name is Adam or AdamW;
}
