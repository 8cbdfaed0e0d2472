using System.Text.Json;

namespace Orchestrator.Sweeps;

/// <summary>
/// Finds keys given more than once in one JSON object. The JSON reader keeps the last one silently, so
/// <c>"maxEpochs": 2, "maxEpochs": 5000</c> would run 5000 epochs; a sweep file must say what it means once.
/// </summary>
internal static class DuplicateKeyCheck
{
    /// <summary>Reports every repeated key under <paramref name="root"/>, at its JSON path.</summary>
    public static void Check(JsonElement root, Action<string, string> error) => Visit(root, string.Empty, error);

    private static void Visit(JsonElement element, string path, Action<string, string> error)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    counts[property.Name] = counts.GetValueOrDefault(property.Name) + 1;
                }

                var visited = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var childPath = path.Length == 0 ? JsonPathName.Of(property.Name) : $"{path}.{JsonPathName.Of(property.Name)}";
                    if (counts[property.Name] > 1 && visited.Add(property.Name))
                    {
                        var times = counts[property.Name] == 2 ? "twice" : $"{counts[property.Name]} times";
                        error(childPath, $"the key {BoundedQuote.Of(property.Name)} appears {times} in the same object; give it once");
                    }

                    Visit(property.Value, childPath, error);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Visit(item, $"{(path.Length == 0 ? "$" : path)}[{index++}]", error);
                }

                break;
        }
    }
}
