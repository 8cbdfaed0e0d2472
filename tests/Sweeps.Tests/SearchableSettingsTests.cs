using Orchestrator.Contracts;
using Orchestrator.Data.Models;
using Orchestrator.Search;

namespace Orchestrator.Sweeps.Tests;

/// <summary>Every hyperparameter a trial has can be searched: the list, the values each takes, and the trial it sets.</summary>
public sealed class SearchableSettingsTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static SweepFileResult Parse(string space, string optimizer = "adam") => SweepFile.Parse($$$"""
        { "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"]{{{(optimizer.Length > 0 ? $", \"optimizer\": \"{optimizer}\"" : string.Empty)}}},
          "space": {{{space}}}, "search": {"sampler": "random", "trials": 3} }
        """);

    [Fact]
    public void Fraction_betas_and_the_model_are_searchable_and_set_the_trial()
    {
        var definition = Parse("""
            {"fraction": {"uniform": [0.1, 0.5]}, "beta1": {"uniform": [0.8, 0.95]}, "beta2": {"choice": [0.99, 0.999]},
             "model": {"choice": ["mlp-small", "vgg-small"]}, "lr": {"loguniform": [0.001, 0.1]}}
            """);
        Assert.True(definition.IsValid, string.Join("; ", definition.Errors));
        var configuration = new Configuration([
            KeyValuePair.Create("fraction", ParameterValue.Of(0.25)),
            KeyValuePair.Create("beta1", ParameterValue.Of(0.85)),
            KeyValuePair.Create("beta2", ParameterValue.Of(0.99)),
            KeyValuePair.Create("model", ParameterValue.Of("vgg-small")),
            KeyValuePair.Create("lr", ParameterValue.Of(0.01))]);

        var spec = SearchTrialSpecs.Spec(definition.Definition!, 0, configuration);

        Assert.Equal((0.25, 0.85, 0.99, "vgg-small", 0.01), (spec.Fraction, spec.Beta1, spec.Beta2, spec.Model, spec.LearningRate));
        Assert.Equal(configuration, SearchTrialSpecs.ConfigurationOf(spec));
        Assert.Equal(TrialId.Of(spec), spec.Id);
    }

    [Fact]
    public void An_sgd_trial_keeps_fixed_betas_and_an_adam_trial_no_momentum_as_in_the_grid()
    {
        var definition = Parse("""{"optimizer": {"choice": ["sgd", "adam"]}, "momentum": {"uniform": [0.5, 0.9]}, "beta1": {"uniform": [0.8, 0.95]}}""", optimizer: string.Empty).Definition!;
        Configuration With(string optimizer) => new([
            KeyValuePair.Create("optimizer", ParameterValue.Of(optimizer)), KeyValuePair.Create("momentum", ParameterValue.Of(0.7)), KeyValuePair.Create("beta1", ParameterValue.Of(0.8))]);

        var sgd = SearchTrialSpecs.Spec(definition, 0, With("sgd"));
        var adam = SearchTrialSpecs.Spec(definition, 1, With("adam"));

        Assert.Equal((0.7, 0.9, 0.999), (sgd.Momentum, sgd.Beta1, sgd.Beta2));
        Assert.Equal((0.0, 0.8, 0.999), (adam.Momentum, adam.Beta1, adam.Beta2));
    }

    [Theory]
    [InlineData("""{"fraction": {"uniform": [0, 0.5]}}""", "space.fraction.uniform: fraction takes numbers in (0, 1]")]
    [InlineData("""{"beta2": {"uniform": [0.9, 1]}}""", "space.beta2.uniform: beta2 takes numbers in [0, 1)")]
    [InlineData("""{"model": {"choice": ["mlp-small", "resnet"]}}""", "space.model.choice: model must be a choice of ")]
    [InlineData("""{"model.hidden": {"int": [8, 64]}}""", "space.model.hidden: is not a trial setting a search may set; allowed: lr, momentum, batchSize")]
    public void A_value_outside_what_the_setting_takes_is_refused_at_its_path(string space, string expected)
    {
        var errors = Parse(space).Errors.Select(e => e.ToString()).ToList();

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_model_choice_lists_the_catalog_and_every_setting_is_in_the_one_list()
    {
        var error = Parse("""{"model": {"choice": ["resnet"]}}""").Errors.Single(e => e.Path == "space.model.choice");

        Assert.EndsWith(string.Join(", ", ModelDescriptorCatalog.Default.Names), error.Message, StringComparison.Ordinal);
        Assert.Equal(SearchableSettings.Names, SearchTrialSpecs.Parameters);
        Assert.Equal(SearchableSettings.Names.Count, SearchableSettings.Names.Distinct().Count());
    }

    [Fact]
    public void A_plugin_models_constructor_parameters_are_searchable_as_model_dot_name()
    {
        File.WriteAllText(_folder.File("My.Models.dll"), "stand-in: the reader checks the path, the silo the content");
        var path = _folder.File("plugin.json");
        File.WriteAllText(path, """
            { "dataset": "synthetic", "stopping": ["none"],
              "model": {"assembly": "My.Models.dll", "type": "My.Models.WideNet", "parameters": {"hidden": 16, "slope": 0.1}},
              "space": {"model.hidden": {"int": [8, 64], "log": true}, "model.slope": {"uniform": [0.01, 0.3]}, "lr": {"loguniform": [0.001, 0.1]}},
              "search": {"sampler": "random", "trials": 3} }
            """);
        var sweep = SweepFile.Load(path);
        Assert.True(sweep.IsValid, string.Join("; ", sweep.Errors));

        var study = new SearchStudy(sweep.Definition!);
        var spec = study.ProposeNext(study.History([], []))!;
        var model = UserModelReference.Parse(spec.Model);
        var hidden = int.Parse(model.Parameters!["hidden"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(hidden, 8, 64);
        Assert.InRange(double.Parse(model.Parameters["slope"], System.Globalization.CultureInfo.InvariantCulture), 0.01, 0.3);
        Assert.Equal(SearchTrialSpecs.ConfigurationOf(spec), new Configuration(spec.SearchParameters.Select(p => KeyValuePair.Create(p.Name, ParameterValue.Of(double.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture))))));

        File.WriteAllText(path, File.ReadAllText(path).Replace("\"model.slope\"", "\"model.depth\"", StringComparison.Ordinal));
        var unknown = SweepFile.Load(path).Errors.Single(e => e.Path == "space.model.depth");
        Assert.Contains("model.hidden, model.slope", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sweep_file_reference_lists_exactly_the_searchable_settings()
    {
        var lines = File.ReadLines(RepositoryRoot.Path("src", "Sweeps", "sweep-file.md")).SkipWhile(l => l != "## Searchable settings").ToList();
        var keys = lines.Select(l => l.Split('|', StringSplitOptions.TrimEntries)).Where(c => c.Length == 5 && c[1].StartsWith('`')).Select(c => c[1].Trim('`')).ToList();

        Assert.Equal([.. SearchableSettings.Names, SearchableSettings.ModelParameterPrefix + "<name>"], keys);
    }
}
