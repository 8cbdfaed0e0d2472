namespace Orchestrator.Client.Output;

/// <summary>
/// Rows of named fields that a command prints as a table, CSV or JSON. Each column has a priority: on a narrow
/// terminal the lowest-priority columns are left out first (<see cref="RecordTableText"/>).
/// </summary>
/// <param name="Columns">The columns, in display order.</param>
/// <param name="Rows">One value per column per row; empty for none.</param>
internal sealed record RecordTable(IReadOnlyList<RecordColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>A column of a <see cref="RecordTable"/>.</summary>
/// <param name="Name">The header, and the CSV column and JSON field name.</param>
/// <param name="Priority">0: always shown (ids, state); higher numbers are dropped first when space runs out.</param>
/// <param name="Numeric">Right-aligned in a table and written as a JSON number when it parses as one.</param>
internal sealed record RecordColumn(string Name, int Priority, bool Numeric = false);
