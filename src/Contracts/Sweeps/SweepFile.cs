using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Contracts.Sweeps;

/// <summary>
/// Reads and validates sweep files (JSON). Validation is complete before anything is scheduled: every
/// error names its JSON path and what is allowed, and all errors are reported at once.
/// </summary>
public static class SweepFile
{
    /// <summary>Datasets the training engine knows.</summary>
    public static readonly ImmutableArray<string> Datasets = ["fashion-mnist", "mnist", "cifar10", "cifar100", "synthetic"];

    /// <summary>Models of the training engine's catalogue.</summary>
    public static readonly ImmutableArray<string> Models = ["mlp-fashion", "mlp-mnist", "mlp-small", "vgg-small"];

    /// <summary>Stopping methods the topology side knows.</summary>
    public static readonly ImmutableArray<string> StoppingMethods = ["top", "vl", "fp", "np", "none"];

    /// <summary>Devices.</summary>
    public static readonly ImmutableArray<string> Devices = ["cpu", "cuda", "auto"];

    private static readonly ImmutableArray<string> TopLevelProperties =
    [
        "name", "dataset", "fractions", "model", "grid", "stopping", "maxEpochs", "probeSize",
        "validationFraction", "concurrency", "device", "checkpointEvery", "maxRestarts", "recordTestAccuracy",
    ];

    private static readonly ImmutableArray<string> GridProperties = ["lr", "momentum", "batchSize", "weightDecay", "width", "seed"];

    private static readonly ImmutableArray<string> StoppingProperties = ["method", "parameters"];

    /// <summary>Reads a sweep file from disk; a missing file is an error on path <c>$</c>.</summary>
    public static SweepFileResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return new SweepFileResult(null, [new SweepValidationError("$", $"sweep file '{path}' does not exist")]);
        }

        var defaultName = Path.GetFileNameWithoutExtension(path);
        return Parse(File.ReadAllText(path), defaultName);
    }

    /// <summary>Parses and validates sweep JSON; <paramref name="defaultName"/> names a sweep without <c>name</c>.</summary>
    public static SweepFileResult Parse(string json, string defaultName = "sweep")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return new SweepFileResult(null, [new SweepValidationError("$", $"not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {FirstSentence(ex.Message)}")]);
        }

        using (document)
        {
            var reader = new Reader();
            var definition = reader.ReadSweep(document.RootElement, defaultName);
            return reader.Errors.Count == 0
                ? new SweepFileResult(definition, [])
                : new SweepFileResult(null, reader.Errors);
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    private sealed class Reader
    {
        public List<SweepValidationError> Errors { get; } = [];

        public SweepDefinition? ReadSweep(JsonElement root, string defaultName)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Error("$", "must be a JSON object with the sweep's properties");
                return null;
            }

            CheckUnknown(root, string.Empty, TopLevelProperties);
            var name = ReadString(root, "name", "name", required: false, allowed: null) ?? defaultName;
            if (!name.Any(char.IsAsciiLetterOrDigit))
            {
                Error("name", "must contain at least one ASCII letter or digit (it becomes the sweep id)");
            }

            var dataset = ReadString(root, "dataset", "dataset", required: true, allowed: Datasets);
            var model = ReadString(root, "model", "model", required: true, allowed: Models);

            var fractions = ReadNumberList(root, "fractions", "fractions", [1.0], v => v > 0 && v <= 1, "must be in (0, 1]");
            var grid = ReadGrid(root);
            var stopping = ReadStopping(root);
            var maxEpochs = ReadInt(root, "maxEpochs", 20, 1, 10_000);
            var probeSize = ReadInt(root, "probeSize", 1000, 2, 1_000_000);
            var validationFraction = ReadNumber(root, "validationFraction", 0.2, v => v > 0 && v < 1, "must be in (0, 1)");
            var concurrency = ReadInt(root, "concurrency", 1, 1, 10_000);
            var device = ReadString(root, "device", "device", required: false, allowed: Devices) ?? "cpu";
            var checkpointEvery = ReadInt(root, "checkpointEvery", 1, 1, 10_000);
            var maxRestarts = ReadInt(root, "maxRestarts", 3, 0, 1000);
            var recordTestAccuracy = ReadBool(root, "recordTestAccuracy", false);

            if (Errors.Count > 0 || dataset is null || model is null)
            {
                return null;
            }

            return new SweepDefinition
            {
                Name = name,
                Dataset = dataset,
                Fractions = fractions,
                Model = model,
                Grid = grid,
                Stopping = stopping,
                MaxEpochs = maxEpochs,
                ProbeSize = probeSize,
                ValidationFraction = validationFraction,
                Concurrency = concurrency,
                Device = device,
                CheckpointEvery = checkpointEvery,
                MaxRestarts = maxRestarts,
                RecordTestAccuracy = recordTestAccuracy,
            };
        }

        private SweepGrid ReadGrid(JsonElement root)
        {
            var defaults = new SweepGrid();
            if (!root.TryGetProperty("grid", out var grid))
            {
                return defaults;
            }

            if (grid.ValueKind != JsonValueKind.Object)
            {
                Error("grid", $"must be an object with lists {Allowed(GridProperties)}");
                return defaults;
            }

            CheckUnknown(grid, "grid.", GridProperties);
            return new SweepGrid
            {
                LearningRates = ReadNumberList(grid, "lr", "grid.lr", defaults.LearningRates, v => v > 0, "must be > 0"),
                Momenta = ReadNumberList(grid, "momentum", "grid.momentum", defaults.Momenta, v => v >= 0 && v < 1, "must be in [0, 1)"),
                BatchSizes = ReadIntList(grid, "batchSize", "grid.batchSize", defaults.BatchSizes, 1, 1_000_000),
                WeightDecays = ReadNumberList(grid, "weightDecay", "grid.weightDecay", defaults.WeightDecays, v => v >= 0, "must be >= 0"),
                Widths = ReadNumberList(grid, "width", "grid.width", defaults.Widths, v => v > 0 && v <= 64, "must be in (0, 64]"),
                Seeds = ReadIntList(grid, "seed", "grid.seed", defaults.Seeds, 0, int.MaxValue),
            };
        }

        private ImmutableArray<StoppingMethod> ReadStopping(JsonElement root)
        {
            if (!root.TryGetProperty("stopping", out var stopping))
            {
                Error("stopping", $"is required: a list of methods, each {{\"method\": one of {Allowed(StoppingMethods)}, \"parameters\": {{...}}}}");
                return [];
            }

            if (stopping.ValueKind != JsonValueKind.Array || stopping.GetArrayLength() == 0)
            {
                Error("stopping", $"must be a non-empty list of methods, each {{\"method\": one of {Allowed(StoppingMethods)}, \"parameters\": {{...}}}}");
                return [];
            }

            var methods = ImmutableArray.CreateBuilder<StoppingMethod>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var item in stopping.EnumerateArray())
            {
                var path = $"stopping[{index++}]";
                if (item.ValueKind == JsonValueKind.String)
                {
                    var bare = item.GetString()!;
                    if (!StoppingMethods.Contains(bare))
                    {
                        Error(path, $"unknown method '{bare}'; allowed: {Allowed(StoppingMethods)}");
                        continue;
                    }

                    AddMethod(new StoppingMethod { Name = bare }, path);
                    continue;
                }

                if (item.ValueKind != JsonValueKind.Object)
                {
                    Error(path, $"must be a method name or an object {{\"method\": ..., \"parameters\": {{...}}}}");
                    continue;
                }

                CheckUnknown(item, path + ".", StoppingProperties);
                var name = ReadString(item, "method", path + ".method", required: true, allowed: StoppingMethods);
                var parameters = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
                if (item.TryGetProperty("parameters", out var parametersElement))
                {
                    if (parametersElement.ValueKind != JsonValueKind.Object)
                    {
                        Error(path + ".parameters", "must be an object, e.g. {\"patience\": 3, \"smoothing\": \"ema\"}");
                    }
                    else
                    {
                        foreach (var parameter in parametersElement.EnumerateObject())
                        {
                            var parameterPath = $"{path}.parameters.{parameter.Name}";
                            if (parameter.Value.ValueKind == JsonValueKind.Number && double.IsFinite(parameter.Value.GetDouble()))
                            {
                                parameters[parameter.Name] = parameter.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture);
                            }
                            else if (parameter.Value.ValueKind == JsonValueKind.String && parameter.Value.GetString()!.Trim().Length > 0)
                            {
                                parameters[parameter.Name] = parameter.Value.GetString()!.Trim();
                            }
                            else
                            {
                                Error(parameterPath, "must be a finite number or a non-empty string");
                            }
                        }
                    }
                }

                if (name is not null)
                {
                    AddMethod(new StoppingMethod { Name = name, Parameters = parameters.ToImmutable() }, path);
                }
            }

            return methods.ToImmutable();

            void AddMethod(StoppingMethod method, string path)
            {
                if (!seen.Add(method.Describe()))
                {
                    Error(path, $"duplicates an earlier method ({method.Describe()}); each method with its parameters may appear once");
                    return;
                }

                methods.Add(method);
            }
        }

        private string? ReadString(JsonElement parent, string property, string path, bool required, ImmutableArray<string>? allowed)
        {
            if (!parent.TryGetProperty(property, out var element))
            {
                if (required)
                {
                    Error(path, allowed is { } list ? $"is required; allowed: {Allowed(list)}" : "is required");
                }

                return null;
            }

            if (element.ValueKind != JsonValueKind.String)
            {
                Error(path, allowed is { } list ? $"must be a string, one of {Allowed(list)}" : "must be a string");
                return null;
            }

            var value = element.GetString()!;
            if (allowed is { } allowedValues && !allowedValues.Contains(value))
            {
                Error(path, $"unknown value '{value}'; allowed: {Allowed(allowedValues)}");
                return null;
            }

            return value;
        }

        private bool ReadBool(JsonElement parent, string property, bool defaultValue)
        {
            if (!parent.TryGetProperty(property, out var element))
            {
                return defaultValue;
            }

            if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Error(property, "must be true or false");
                return defaultValue;
            }

            return element.GetBoolean();
        }

        private double ReadNumber(JsonElement parent, string property, double defaultValue, Func<double, bool> valid, string rule)
        {
            if (!parent.TryGetProperty(property, out var element))
            {
                return defaultValue;
            }

            if (element.ValueKind != JsonValueKind.Number || !double.IsFinite(element.GetDouble()))
            {
                Error(property, $"must be a number; {rule}");
                return defaultValue;
            }

            var value = element.GetDouble();
            if (!valid(value))
            {
                Error(property, rule);
            }

            return value;
        }

        private int ReadInt(JsonElement parent, string property, int defaultValue, int min, int max)
        {
            if (!parent.TryGetProperty(property, out var element))
            {
                return defaultValue;
            }

            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
            {
                Error(property, $"must be a whole number in [{min}, {max}]");
                return defaultValue;
            }

            if (value < min || value > max)
            {
                Error(property, $"must be in [{min}, {max}]");
            }

            return value;
        }

        private ImmutableArray<double> ReadNumberList(JsonElement parent, string property, string path, ImmutableArray<double> defaultValue, Func<double, bool> valid, string rule)
        {
            if (!TryGetList(parent, property, path, out var list))
            {
                return defaultValue;
            }

            var values = ImmutableArray.CreateBuilder<double>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var itemPath = $"{path}[{index++}]";
                if (item.ValueKind != JsonValueKind.Number || !double.IsFinite(item.GetDouble()))
                {
                    Error(itemPath, $"must be a number; {rule}");
                    continue;
                }

                var value = item.GetDouble();
                if (!valid(value))
                {
                    Error(itemPath, rule);
                    continue;
                }

                if (values.Contains(value))
                {
                    Error(itemPath, $"duplicates {value.ToString("R", CultureInfo.InvariantCulture)}; each value may appear once");
                    continue;
                }

                values.Add(value);
            }

            return values.ToImmutable();
        }

        private ImmutableArray<int> ReadIntList(JsonElement parent, string property, string path, ImmutableArray<int> defaultValue, int min, int max)
        {
            if (!TryGetList(parent, property, path, out var list))
            {
                return defaultValue;
            }

            var values = ImmutableArray.CreateBuilder<int>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var itemPath = $"{path}[{index++}]";
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var value))
                {
                    Error(itemPath, $"must be a whole number in [{min}, {max}]");
                    continue;
                }

                if (value < min || value > max)
                {
                    Error(itemPath, $"must be in [{min}, {max}]");
                    continue;
                }

                if (values.Contains(value))
                {
                    Error(itemPath, $"duplicates {value.ToString(CultureInfo.InvariantCulture)}; each value may appear once");
                    continue;
                }

                values.Add(value);
            }

            return values.ToImmutable();
        }

        private bool TryGetList(JsonElement parent, string property, string path, out JsonElement list)
        {
            if (!parent.TryGetProperty(property, out list))
            {
                return false;
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                Error(path, "must be a list, e.g. [0.01, 0.1]");
                return false;
            }

            if (list.GetArrayLength() == 0)
            {
                Error(path, "must not be empty");
                return false;
            }

            return true;
        }

        private void CheckUnknown(JsonElement element, string prefix, ImmutableArray<string> known)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (!known.Contains(property.Name))
                {
                    Error(prefix + property.Name, $"unknown property; allowed: {Allowed(known)}");
                }
            }
        }

        private void Error(string path, string message) => Errors.Add(new SweepValidationError(path, message));

        private static string Allowed(IEnumerable<string> values)
        {
            var builder = new StringBuilder();
            foreach (var value in values)
            {
                builder.Append(builder.Length == 0 ? string.Empty : ", ").Append(value);
            }

            return builder.ToString();
        }
    }
}
