namespace Orchestrator.Search;

/// <summary>Whether a larger or a smaller objective is better (validation accuracy: maximize; loss: minimize).</summary>
public enum ObjectiveDirection
{
    /// <summary>Larger is better.</summary>
    Maximize,

    /// <summary>Smaller is better.</summary>
    Minimize,
}
