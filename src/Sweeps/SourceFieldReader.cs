using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Data;
using Orchestrator.Data.Models;
using Orchestrator.Data.Numpy;

namespace Orchestrator.Sweeps;

/// <summary>
/// Reads the <c>dataset</c> and <c>model</c> fields, which name a catalog entry or a user's files: a dataset
/// <c>{"npz": "data/my.npz"}</c> or <c>{"x_train": "….npy", …}</c>; a model <c>{"torchscript": "models/net.pt"}</c> or
/// <c>{"assembly": "…dll", "type": "…", "parameters": {…}}</c>, whose list-valued parameters are grid dimensions.
/// Paths are read from <paramref name="baseDirectory"/> (the sweep file's folder) under <see cref="TrustedPath"/>'s
/// rules. A NumPy data set is loaded and checked here, so a bad array is refused before anything is submitted.
/// </summary>
internal sealed class SourceFieldReader(JsonFieldReader fields, SweepCatalogs catalogs, string baseDirectory)
{
    private static readonly ImmutableArray<string> TorchScriptProperties = ["torchscript", "connectome"];
    private static readonly ImmutableArray<string> PluginProperties = ["assembly", "type", "parameters"];

    /// <summary>The dataset's catalog name or canonical text; null when absent or bad.</summary>
    public string? ReadDataset(JsonElement root)
    {
        const string Shape = "a dataset name, {\"npz\": \"data/my.npz\"}, or {\"x_train\": \"….npy\", \"y_train\": …, \"x_test\": …, \"y_test\": …}";
        if (!root.TryGetProperty("dataset", out var element) || element.ValueKind != JsonValueKind.Object)
        {
            // A name, or a value that is neither name nor object: the name's reader says what is allowed.
            return fields.ReadString(root, "dataset", "dataset", required: true, allowed: catalogs.Datasets.Names);
        }

        NumpyDatasetFiles files;
        if (element.TryGetProperty("npz", out _))
        {
            fields.CheckUnknown(element, "dataset.", ["npz"]);
            var path = ReadPath(element, "npz", "dataset.npz");
            if (path is null)
            {
                return null;
            }

            files = NumpyDatasetFiles.FromArchive(path);
        }
        else
        {
            fields.CheckUnknown(element, "dataset.", NumpyDatasetFiles.ArrayNames);
            var arrays = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var array in NumpyDatasetFiles.ArrayNames)
            {
                if (!element.TryGetProperty(array, out _))
                {
                    fields.Error("dataset." + array, $"is required: {Shape}");
                    continue;
                }

                if (ReadPath(element, array, "dataset." + array) is { } path)
                {
                    arrays[array] = path;
                }
            }

            if (arrays.Count < NumpyDatasetFiles.ArrayNames.Count)
            {
                return null;
            }

            files = new NumpyDatasetFiles(null, arrays);
        }

        try
        {
            NumpyDatasetLoader.Load(files);
            return files.ToString();
        }
        catch (DatasetFormatException ex)
        {
            fields.Error("dataset", ex.Message);
            return null;
        }
    }

    /// <summary>The models: the top-level <c>model</c>, or the list <c>grid.model</c>; each a catalog name or canonical text.</summary>
    public ImmutableArray<string> ReadModels(JsonElement root, JsonElement? grid)
    {
        var hasGrid = grid is { } g && g.TryGetProperty("model", out _);
        var hasTop = root.TryGetProperty("model", out var top);
        if (hasGrid && hasTop)
        {
            fields.Error("grid.model", "is given with the top-level model; name the models in one place");
            return [];
        }

        if (!hasGrid)
        {
            if (!hasTop)
            {
                fields.Error("model", $"is required; allowed: {JsonFieldReader.Allowed(catalogs.Models.Names)}, {{\"torchscript\": \"models/net.pt\"}} or {{\"assembly\": \"….dll\", \"type\": \"…\"}}");
                return [];
            }

            return ReadModel(top, "model");
        }

        var list = grid!.Value.GetProperty("model");
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            fields.Error("grid.model", "must be a non-empty list of models (names or objects)");
            return [];
        }

        if (!fields.WithinTrialLimit(list, "grid.model"))
        {
            return [];
        }

        var models = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"grid.model[{index++}]";
            foreach (var model in ReadModel(item, path))
            {
                if (!seen.Add(model))
                {
                    fields.Error(path, "duplicates an earlier model; each value may appear once");
                    continue;
                }

                models.Add(model);
            }
        }

        return models.ToImmutable();
    }

    private ImmutableArray<string> ReadModel(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            var name = element.GetString()!;
            if (catalogs.Models.IsKnown(name))
            {
                return [name];
            }

            fields.Error(path, $"unknown value {BoundedQuote.Of(name)}; allowed: {JsonFieldReader.Allowed(catalogs.Models.Names)}, or an object naming your own model");
            return [];
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            fields.Error(path, "must be a model name, {\"torchscript\": \"models/net.pt\"} or {\"assembly\": \"….dll\", \"type\": \"…\", \"parameters\": {…}}");
            return [];
        }

        if (element.TryGetProperty("torchscript", out _))
        {
            fields.CheckUnknown(element, path + ".", TorchScriptProperties);
            var file = ReadPath(element, "torchscript", path + ".torchscript");
            var connectome = fields.ReadString(element, "connectome", path + ".connectome", required: false, allowed: null) ?? UserModelReference.DefaultConnectomeMethod;
            if (connectome.Length == 0 || !connectome.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                fields.Error(path + ".connectome", "must be a method name (letters, digits, _)");
                return [];
            }

            return file is null ? [] : [new UserModelReference { TorchScript = file, Connectome = connectome }.ToString()];
        }

        if (element.TryGetProperty("assembly", out _))
        {
            fields.CheckUnknown(element, path + ".", PluginProperties);
            var assembly = ReadPath(element, "assembly", path + ".assembly");
            var type = fields.ReadString(element, "type", path + ".type", required: true, allowed: null);
            var parameterSets = ReadPluginParameters(element, path + ".parameters");
            return assembly is null || type is null
                ? []
                : [.. parameterSets.Select(p => new UserModelReference { Assembly = assembly, Type = type, Parameters = p }.ToString())];
        }

        fields.Error(path, "must name \"torchscript\" (a TorchScript file) or \"assembly\" (a .NET plugin)");
        return [];
    }

    /// <summary>Every combination of the plugin's parameters: a list value is a grid dimension.</summary>
    private List<SortedDictionary<string, string>> ReadPluginParameters(JsonElement element, string path)
    {
        var combinations = new List<SortedDictionary<string, string>> { new(StringComparer.Ordinal) };
        if (!element.TryGetProperty("parameters", out var parameters))
        {
            return combinations;
        }

        if (parameters.ValueKind != JsonValueKind.Object)
        {
            fields.Error(path, "must be an object of constructor arguments, e.g. {\"hidden\": 512} or {\"hidden\": [256, 512]}");
            return combinations;
        }

        foreach (var parameter in parameters.EnumerateObject())
        {
            var values = parameter.Value.ValueKind == JsonValueKind.Array ? [.. parameter.Value.EnumerateArray()] : new[] { parameter.Value };
            var texts = new List<string>();
            foreach (var value in values)
            {
                var text = value.ValueKind switch
                {
                    JsonValueKind.Number when double.IsFinite(value.GetDouble()) => value.GetRawText(),
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => null,
                };
                if (text is null)
                {
                    fields.Error($"{path}.{parameter.Name}", "must be a number, string, true/false, or a list of them (a grid dimension)");
                    continue;
                }

                texts.Add(text);
            }

            if (texts.Count == 0)
            {
                continue;
            }

            combinations = [.. combinations.SelectMany(c => texts.Select(t => new SortedDictionary<string, string>(c, StringComparer.Ordinal) { [parameter.Name] = t }))];
        }

        return combinations;
    }

    private string? ReadPath(JsonElement parent, string property, string path)
    {
        var written = fields.ReadString(parent, property, path, required: true, allowed: null);
        if (written is null)
        {
            return null;
        }

        var full = TrustedPath.Resolve(written, baseDirectory, out var problem);
        if (full is null)
        {
            fields.Error(path, problem!);
        }

        return full;
    }
}
