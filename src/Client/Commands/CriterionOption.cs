using Orchestrator.Topology.Stopping;

namespace Orchestrator.Client.Commands;

/// <summary>Reads a stopping criterion given on the command line as <c>name[:param=value,…]</c>.</summary>
internal static class CriterionOption
{
    /// <summary>The criterion, or an <see cref="InputException"/> naming the option and what is allowed.</summary>
    public static IStoppingCriterion Parse(string text, string option)
    {
        try
        {
            return StoppingCriterionCatalog.Default.Parse(text);
        }
        catch (ArgumentException ex)
        {
            throw new InputException($"{option} '{text}': {ex.Message.Split('\n')[0].TrimEnd()}");
        }
    }
}
