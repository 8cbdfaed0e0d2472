using System.Text.Json;

namespace Orchestrator.Client.Core.Reports;

/// <summary>The label-free refit of the best configuration, as best.json records it.</summary>
internal sealed record SearchRefit(double? TestAccuracy, int? StopEpoch);

/// <summary>
/// What <c>best.json</c> says (written by <c>SearchBestJson</c>; read here, never recomputed): the best trial, its
/// sampled parameters, objective and test accuracy, and the refit when there was one (<c>"refit"</c> absent or null
/// when there was none).
/// </summary>
internal sealed record SearchBest(string? Trial, IReadOnlyList<(string Name, string Value)> Parameters, double? Objective, double? TestAccuracy, SearchRefit? Refit, int? EpochsTotal)
{
    public const string File = "best.json";

    /// <summary>best.json of <paramref name="directory"/>, or null when there is none.</summary>
    /// <exception cref="InputException">The file is there but not the JSON object best.json is.</exception>
    public static SearchBest? Load(string directory)
    {
        var path = Path.Combine(directory, File);
        if (!System.IO.File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(System.IO.File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InputException($"{path}: must be a JSON object (written by `orchestrator local run` for a search); re-run or re-export the sweep");
            }

            var parameters = root.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object
                ? p.EnumerateObject().Select(e => (e.Name, e.Value.ValueKind == JsonValueKind.String ? e.Value.GetString()! : e.Value.GetRawText())).ToList()
                : [];
            SearchRefit? refit = root.TryGetProperty("refit", out var r) && r.ValueKind == JsonValueKind.Object
                ? new SearchRefit(Number(r, "testAccuracy"), Number(r, "stopEpoch") is { } stop ? (int)stop : null)
                : null;
            return new SearchBest(
                root.TryGetProperty("trial", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null,
                parameters,
                Number(root, "objective"),
                Number(root, "testAccuracy"),
                refit,
                Number(root, "epochsTotal") is { } total ? (int)total : null);
        }
        catch (JsonException ex)
        {
            throw new InputException($"{path} is not valid JSON ({ex.Message}); re-run or re-export the sweep");
        }
    }

    private static double? Number(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
