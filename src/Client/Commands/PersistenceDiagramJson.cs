using System.Globalization;
using System.Text;
using System.Text.Json;
using Orchestrator.Client.Output;
using Orchestrator.Topology.Homology;

namespace Orchestrator.Client.Commands;

/// <summary>
/// The JSON of `topology persistence`: <c>{"n":…, "distance":"1-abs", "h0":[[birth,death],…], "h1":[…]}</c>
/// with an infinite death written as <c>null</c>, pairs sorted by (birth, death); and reading it back.
/// </summary>
internal static class PersistenceDiagramJson
{
    public static string Write(RipsPersistence result, int maxDimension)
    {
        var text = new StringBuilder();
        text.Append("{\"n\":").Append(result.Size.ToString(CultureInfo.InvariantCulture)).Append(",\"distance\":\"1-abs\"");
        AppendDiagram(text, "h0", result.H0);
        if (maxDimension >= 1)
        {
            AppendDiagram(text, "h1", result.H1);
        }

        return text.Append('}').ToString();
    }

    /// <summary>The pairs of dimension <paramref name="dimension"/> in a file printed by `persistence`.</summary>
    public static List<PersistencePair> Read(string path, string option, int dimension)
    {
        var key = $"h{dimension}";
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"{option} '{path}': file not found.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{option} '{path}': cannot be read: {ex.Message}");
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty(key, out var pairs) || pairs.ValueKind != JsonValueKind.Array)
            {
                throw new InputException(
                    $"{option} '{path}': no \"{key}\" array; give a file printed by `orchestrator topology persistence` (with --maxdim ≥ {dimension}).");
            }

            var result = new List<PersistencePair>();
            var index = 0;
            foreach (var pair in pairs.EnumerateArray())
            {
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2 || pair[0].ValueKind != JsonValueKind.Number
                    || pair[1].ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
                {
                    throw new InputException($"{option} '{path}': {key}[{index}] is not [birth, death] with numbers (death may be null for ∞).");
                }

                var birth = pair[0].GetSingle();
                var death = pair[1].ValueKind == JsonValueKind.Null ? float.PositiveInfinity : pair[1].GetSingle();
                if (!float.IsFinite(birth) || float.IsNaN(death) || death < birth)
                {
                    throw new InputException($"{option} '{path}': {key}[{index}] is [{birth}, {death}]; birth must be finite and death ≥ birth.");
                }

                result.Add(new PersistencePair(birth, death));
                index++;
            }

            return result;
        }
        catch (JsonException ex)
        {
            throw new InputException($"{option} '{path}': not valid JSON ({ex.Message}).");
        }
        catch (FormatException)
        {
            throw new InputException($"{option} '{path}': a value in \"{key}\" is not a float32 number.");
        }
    }

    private static void AppendDiagram(StringBuilder text, string name, PersistenceDiagram diagram)
    {
        text.Append(",\"").Append(name).Append("\":[");
        for (var k = 0; k < diagram.Count; k++)
        {
            var pair = diagram.Pairs[k];
            text.Append(k > 0 ? ",[" : "[").Append(JsonLine.Format(pair.Birth)).Append(',')
                .Append(pair.IsEssential ? "null" : JsonLine.Format(pair.Death)).Append(']');
        }

        text.Append(']');
    }
}
