using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Contracts;
using Orchestrator.Data;
using Orchestrator.Data.Optimization;

namespace Orchestrator.Sweeps;

/// <summary>
/// Validates a parsed sweep file against <see cref="SweepSchema"/> and the names of <see cref="SweepCatalogs"/>,
/// and builds the <see cref="SweepDefinition"/>; every problem goes to <see cref="Fields"/>' errors.
/// </summary>
internal sealed class SweepReader(SweepCatalogs catalogs, string baseDirectory)
{
    /// <summary>The field reader holding every problem found.</summary>
    public JsonFieldReader Fields { get; } = new();

    /// <summary>The sweep, or null when anything is wrong.</summary>
    public SweepDefinition? ReadSweep(JsonElement root, string defaultName)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Fields.Error("$", "must be a JSON object with the sweep's properties");
            return null;
        }

        DuplicateKeyCheck.Check(root, Fields.Error);
        Fields.CheckUnknown(root, string.Empty, SweepSchema.TopLevelProperties);
        var name = Fields.ReadString(root, "name", "name", required: false, allowed: null) ?? defaultName;
        if (SweepDefinitionCheck.NameProblem(name) is { } nameProblem)
        {
            Fields.Error("name", nameProblem);
        }

        var sources = new SourceFieldReader(Fields, catalogs, baseDirectory);
        var dataset = sources.ReadDataset(root);
        var models = sources.ReadModels(root, root.TryGetProperty("grid", out var gridElement) && gridElement.ValueKind == JsonValueKind.Object ? gridElement : null);
        var model = models.IsDefaultOrEmpty ? null : models[0];

        var fractions = Fields.ReadNumberList(root, "fractions", "fractions", [1.0], SweepLimits.Fraction.Valid, SweepLimits.Fraction.Rule);
        var grid = ReadGrid(root);
        var stopping = ReadStopping(root);
        var maxEpochs = Fields.ReadInt(root, "maxEpochs", 20, SweepLimits.MaxEpochs.Min, SweepLimits.MaxEpochs.Max);
        var probeSize = Fields.ReadInt(root, "probeSize", 500, SweepLimits.ProbeSize.Min, SweepLimits.ProbeSize.Max);
        var validationFraction = Fields.ReadNumber(root, "validationFraction", 0.2, SweepLimits.ValidationFraction.Valid, SweepLimits.ValidationFraction.Rule);
        var concurrency = Fields.ReadInt(root, "concurrency", 1, SweepLimits.Concurrency.Min, SweepLimits.Concurrency.Max);
        var device = Fields.ReadString(root, "device", "device", required: false, allowed: TrainingDevices.Names) ?? TrainingDevices.Cpu;
        var checkpointEvery = Fields.ReadInt(root, "checkpointEvery", 1, SweepLimits.CheckpointEvery.Min, SweepLimits.CheckpointEvery.Max);
        var maxRestarts = Fields.ReadInt(root, "maxRestarts", 3, SweepLimits.MaxRestarts.Min, SweepLimits.MaxRestarts.Max);
        var recordTestAccuracy = Fields.ReadBool(root, "recordTestAccuracy", false);
        var recordTopology = Fields.ReadBool(root, "recordTopology", false);
        int? gpuMemory = root.TryGetProperty("gpuMemoryMiB", out _)
            ? Fields.ReadInt(root, "gpuMemoryMiB", SweepLimits.GpuMemoryMiB.Min, SweepLimits.GpuMemoryMiB.Min, SweepLimits.GpuMemoryMiB.Max)
            : null;
        var nesterov = Fields.ReadBool(root, "nesterov", false);
        var schedule = OptimizerFieldReader.ReadSchedule(Fields, root);
        if (nesterov && (!grid.Optimizers.Contains(OptimizerKinds.Sgd) || grid.Momenta.Contains(0)))
        {
            Fields.Error("nesterov", "needs the sgd optimizer and every grid.momentum > 0 (Nesterov's update is momentum's)");
        }

        var searchFields = new SearchFieldReader(Fields);
        var search = searchFields.ReadSearch(root, model);
        var searching = root.TryGetProperty("search", out _) && root.TryGetProperty("space", out _);
        var objective = searchFields.ReadObjective(root, search, searching);
        var scheduler = searchFields.ReadScheduler(root, searching, objective);
        var refit = new RefitFieldReader(Fields, catalogs.Criteria, ReadMethod).Read(root, searching, objective);
        if (searching)
        {
            searchFields.CheckFixedSettings(root, fractions, models, grid, stopping);
        }

        if (Fields.Errors.Count > 0 || dataset is null || model is null)
        {
            return null;
        }

        var definition = new SweepDefinition
        {
            Name = name,
            Dataset = dataset,
            Fractions = fractions,
            Model = model,
            Grid = models.Length > 1 ? grid with { Models = models } : grid,
            Stopping = stopping,
            MaxEpochs = maxEpochs,
            ProbeSize = probeSize,
            ValidationFraction = validationFraction,
            Concurrency = concurrency,
            Device = device,
            CheckpointEvery = checkpointEvery,
            MaxRestarts = maxRestarts,
            RecordTestAccuracy = recordTestAccuracy,
            RecordTopology = recordTopology,
            GpuMemoryMiB = gpuMemory,
            Nesterov = nesterov,
            Schedule = schedule.ToString(),
            Search = search,
            Objective = objective,
            Scheduler = scheduler,
            Refit = refit,
        };
        if (SweepDefinitionCheck.TrialCountProblem(definition) is { } tooMany)
        {
            Fields.Error("grid", tooMany);
            return null;
        }

        return definition;
    }

    private SweepGrid ReadGrid(JsonElement root)
    {
        var defaults = new SweepGrid();
        if (!root.TryGetProperty("grid", out var grid))
        {
            return defaults with { Optimizers = OptimizerFieldReader.ReadOptimizers(Fields, root, null) };
        }

        if (grid.ValueKind != JsonValueKind.Object)
        {
            Fields.Error("grid", $"must be an object with lists {JsonFieldReader.Allowed(SweepSchema.GridProperties)}");
            return defaults;
        }

        Fields.CheckUnknown(grid, "grid.", SweepSchema.GridProperties);
        return new SweepGrid
        {
            LearningRates = Fields.ReadNumberList(grid, "lr", "grid.lr", defaults.LearningRates, SweepLimits.LearningRate.Valid, SweepLimits.LearningRate.Rule),
            Momenta = Fields.ReadNumberList(grid, "momentum", "grid.momentum", defaults.Momenta, SweepLimits.Momentum.Valid, SweepLimits.Momentum.Rule),
            BatchSizes = Fields.ReadIntList(grid, "batchSize", "grid.batchSize", defaults.BatchSizes, SweepLimits.BatchSize.Min, SweepLimits.BatchSize.Max),
            WeightDecays = Fields.ReadNumberList(grid, "weightDecay", "grid.weightDecay", defaults.WeightDecays, SweepLimits.WeightDecay.Valid, SweepLimits.WeightDecay.Rule),
            Widths = Fields.ReadNumberList(grid, "width", "grid.width", defaults.Widths, SweepLimits.Width.Valid, SweepLimits.Width.Rule),
            Seeds = Fields.ReadIntList(grid, "seed", "grid.seed", defaults.Seeds, SweepLimits.Seed.Min, SweepLimits.Seed.Max),
            Optimizers = OptimizerFieldReader.ReadOptimizers(Fields, root, grid),
            Betas = OptimizerFieldReader.ReadBetas(Fields, grid),
        };
    }

    private ImmutableArray<StoppingMethod> ReadStopping(JsonElement root)
    {
        var methodNames = catalogs.Criteria.Names.ToList();
        var shape = $"each {{\"method\": one of {JsonFieldReader.Allowed(methodNames)}, \"parameters\": {{...}}}}";
        if (!root.TryGetProperty("stopping", out var stopping))
        {
            Fields.Error("stopping", $"is required: a list of methods, {shape}");
            return [];
        }

        if (stopping.ValueKind != JsonValueKind.Array || stopping.GetArrayLength() == 0)
        {
            Fields.Error("stopping", $"must be a non-empty list of methods, {shape}");
            return [];
        }

        if (!Fields.WithinTrialLimit(stopping, "stopping"))
        {
            return [];
        }

        var methods = ImmutableArray.CreateBuilder<StoppingMethod>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in stopping.EnumerateArray())
        {
            var path = $"stopping[{index++}]";
            if (ReadMethod(item, path) is { } method)
            {
                AddMethod(method, path);
            }
        }

        return methods.ToImmutable();

        void AddMethod(StoppingMethod method, string path)
        {
            if (!seen.Add(method.Describe()))
            {
                Fields.Error(path, $"duplicates an earlier method ({method.Describe()}); each method with its parameters may appear once");
                return;
            }

            methods.Add(method);
        }
    }

    /// <summary>One stopping method, a name or <c>{"method": …, "parameters": {…}}</c>, at <paramref name="path"/> (a <c>stopping</c> entry or the refit's).</summary>
    private StoppingMethod? ReadMethod(JsonElement item, string path)
    {
        var methodNames = catalogs.Criteria.Names.ToList();
        if (item.ValueKind == JsonValueKind.String)
        {
            var bare = item.GetString()!;
            if (!methodNames.Contains(bare))
            {
                Fields.Error(path, $"unknown method {BoundedQuote.Of(bare)}; allowed: {JsonFieldReader.Allowed(methodNames)}");
                return null;
            }

            return new StoppingMethod { Name = bare };
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            Fields.Error(path, "must be a method name or an object {\"method\": ..., \"parameters\": {...}}");
            return null;
        }

        Fields.CheckUnknown(item, path + ".", SweepSchema.StoppingProperties);
        var name = Fields.ReadString(item, "method", path + ".method", required: true, allowed: methodNames);
        var parameters = ReadParameters(item, path);
        return name is null ? null : new StoppingMethod { Name = name, Parameters = parameters };
    }

    private ImmutableSortedDictionary<string, string> ReadParameters(JsonElement item, string path)
    {
        var parameters = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (!item.TryGetProperty("parameters", out var parametersElement))
        {
            return parameters.ToImmutable();
        }

        if (parametersElement.ValueKind != JsonValueKind.Object)
        {
            Fields.Error(path + ".parameters", "must be an object, e.g. {\"patience\": 3, \"smoothing\": \"ema\"}");
            return parameters.ToImmutable();
        }

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
                Fields.Error(parameterPath, "must be a finite number or a non-empty string");
            }
        }

        return parameters.ToImmutable();
    }
}
