namespace Orchestrator.Topology;

/// <summary>An edge of a spanning tree: <paramref name="From"/> was in the tree when <paramref name="To"/> joined it.</summary>
public readonly record struct SpanningTreeEdge(int From, int To);
