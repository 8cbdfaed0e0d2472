using System.Collections.Immutable;
using Orchestrator.Contracts;

namespace Orchestrator.Dashboard.Sources;

/// <summary>Reads back <see cref="StoppingMethod.Describe"/>'s text form, e.g. <c>top(patience=3,window=2)</c>.</summary>
internal static class StoppingMethodText
{
    public static StoppingMethod Parse(string text)
    {
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !text.EndsWith(')'))
        {
            return new StoppingMethod { Name = text };
        }

        var parameters = text[(open + 1)..^1]
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToImmutableSortedDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return new StoppingMethod { Name = text[..open], Parameters = parameters };
    }
}
