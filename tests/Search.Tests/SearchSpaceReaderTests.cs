using System.Text.Json;

namespace Orchestrator.Search.Tests;

public sealed class SearchSpaceReaderTests
{
    private static SearchSpaceReadResult Read(string json, string path = "space")
    {
        using var document = JsonDocument.Parse(json);
        return SearchSpaceReader.Read(document.RootElement, path);
    }

    [Fact]
    public void Reads_the_issue_space_with_a_conditional_momentum()
    {
        var result = Read("""
            {"lr": {"loguniform": [1e-3, 0.3]}, "batchSize": {"choice": [32, 50, 128]},
             "optimizer": {"choice": ["sgd", "adam"]}, "width": {"int": [16, 256], "log": true},
             "momentum": {"uniform": [0.5, 0.99], "when": {"optimizer": ["sgd"]}}}
            """);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var space = result.Space!;
        Assert.Equal(new LogUniformDistribution(1e-3, 0.3), space.Find("lr")!.Distribution);
        Assert.Equal(new ChoiceDistribution([ParameterValue.Of(32), ParameterValue.Of(50), ParameterValue.Of(128)]), space.Find("batchSize")!.Distribution);
        Assert.Equal(new IntDistribution(16, 256, Log: true), space.Find("width")!.Distribution);
        var momentum = space.Find("momentum")!;
        Assert.Equal(new UniformDistribution(0.5, 0.99), momentum.Distribution);
        Assert.Equal([new ParameterCondition("optimizer", [ParameterValue.Of("sgd")])], momentum.When);
        // Declared before optimizer in no particular order, momentum is still drawn after what it depends on.
        var order = space.SamplingOrder.Select(p => p.Name).ToList();
        Assert.True(order.IndexOf("optimizer") < order.IndexOf("momentum"));
    }

    [Fact]
    public void A_single_condition_value_is_shorthand_for_a_one_element_list()
    {
        var result = Read("""{"optimizer": {"choice": ["sgd", "adam"]}, "momentum": {"uniform": [0.5, 0.99], "when": {"optimizer": "sgd"}}}""");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal([ParameterValue.Of("sgd")], result.Space!.Find("momentum")!.When.Single().Values);
    }

    [Theory]
    [InlineData("""{"lr": {"uniform": [1, 1]}}""", "space.lr.uniform", "the range [1, 1] is empty")]
    [InlineData("""{"lr": {"uniform": [2, 1]}}""", "space.lr.uniform", "the range [2, 1] is inverted")]
    [InlineData("""{"lr": {"loguniform": [0.3, 0.001]}}""", "space.lr.loguniform", "is inverted")]
    [InlineData("""{"lr": {"loguniform": [0, 0.3]}}""", "space.lr.loguniform", "loguniform bounds must both be > 0")]
    [InlineData("""{"lr": {"loguniform": [-1, 0.3]}}""", "space.lr.loguniform", "loguniform bounds must both be > 0")]
    [InlineData("""{"n": {"int": [1.5, 8]}}""", "space.n.int", "the bounds must be whole numbers")]
    [InlineData("""{"n": {"int": [8, 2]}}""", "space.n.int", "is inverted")]
    [InlineData("""{"n": {"int": [0, 8], "log": true}}""", "space.n.int", "the low bound must be ≥ 1")]
    [InlineData("""{"n": {"int": [1, 8], "log": "yes"}}""", "space.n.log", "must be true or false")]
    [InlineData("""{"lr": {"uniform": [0, 1], "log": true}}""", "space.lr.log", "\"log\" applies only to int; for real numbers use loguniform instead of uniform")]
    [InlineData("""{"lr": {"loguniform": [0.1, 1], "log": true}}""", "space.lr.log", "loguniform is already uniform in log space; drop \"log\"")]
    [InlineData("""{"lr": {"gauss": {"mean": 0}}}""", "space.lr.gauss", "unknown distribution 'gauss'; allowed: uniform, loguniform, int, choice")]
    [InlineData("""{"b": {"choice": []}}""", "space.b.choice", "the choice is empty")]
    [InlineData("""{"b": {"choice": [32, 32]}}""", "space.b.choice", "values must be distinct; repeated: 32")]
    [InlineData("""{"b": {"choice": [32, true]}}""", "space.b.choice[1]", "must be a string or a number")]
    [InlineData("""{"b": {"choice": 32}}""", "space.b.choice", "must be an array of strings or numbers")]
    [InlineData("""{"lr": {"normal": [0, 1]}}""", "space.lr.normal", "unknown distribution 'normal'; allowed: uniform, loguniform, int, choice")]
    [InlineData("""{"lr": {"uniform": [0, 1], "loguniform": [1, 2]}}""", "space.lr", "give one distribution, not uniform and loguniform")]
    [InlineData("""{"lr": {"uniform": [0, 1], "step": 0.1}}""", "space.lr.step", "unknown property")]
    [InlineData("""{"lr": {}}""", "space.lr", "give one distribution: uniform, loguniform, int, choice")]
    [InlineData("""{"lr": 0.1}""", "space.lr", "must be an object with one distribution")]
    [InlineData("""{"lr": {"uniform": [0]}}""", "space.lr.uniform", "must be [low, high], two numbers")]
    [InlineData("""{"lr": {"uniform": ["0", 1]}}""", "space.lr.uniform", "must be [low, high], two numbers")]
    [InlineData("""{"lr": {"uniform": [0, 1e999]}}""", "space.lr.uniform", "must be [low, high], two numbers")]
    [InlineData("""{}""", "space", "the space is empty")]
    [InlineData("""{"lr": {"uniform": [0, 1]}, "lr": {"uniform": [0, 2]}}""", "space.lr", "the parameter 'lr' is given 2 times; give it once")]
    [InlineData("""[{"lr": {"uniform": [0, 1]}}]""", "space", "must be an object mapping each parameter to a distribution")]
    [InlineData("""{"m": {"uniform": [0, 1], "when": {"optimizer": ["sgd"]}}}""", "space.m.when.optimizer", "unknown parameter 'optimizer'")]
    [InlineData("""{"o": {"choice": ["sgd", "adam"]}, "m": {"uniform": [0, 1], "when": {"o": ["nesterov"]}}}""", "space.m.when.o", "'nesterov' is not a value of 'o'; allowed: sgd, adam")]
    [InlineData("""{"o": {"choice": ["sgd", "adam"]}, "m": {"uniform": [0, 1], "when": {"o": []}}}""", "space.m.when.o", "give at least one value of 'o'")]
    [InlineData("""{"x": {"uniform": [0, 1]}, "m": {"uniform": [0, 1], "when": {"x": [0.5]}}}""", "space.m.when.x", "can only name a choice or int parameter")]
    [InlineData("""{"n": {"int": [1, 4]}, "m": {"uniform": [0, 1], "when": {"n": [7]}}}""", "space.m.when.n", "'7' is not a value of 'n'; allowed: whole numbers in [1, 4]")]
    [InlineData("""{"m": {"choice": [1, 2], "when": {"m": [1]}}}""", "space.m.when.m", "cannot depend on itself")]
    [InlineData("""{"a": {"choice": [1, 2], "when": {"b": [1]}}, "b": {"choice": [1, 2], "when": {"a": [1]}}}""", "space.a.when", "conditions form a cycle (a → b → a)")]
    [InlineData("""{"m": {"uniform": [0, 1], "when": ["sgd"]}}""", "space.m.when", "must be an object naming the parameters it depends on")]
    [InlineData("""{"o": {"choice": ["sgd"]}, "m": {"uniform": [0, 1], "when": {"o": {"is": "sgd"}}}}""", "space.m.when.o", "must be a value or an array of values of 'o'")]
    public void Every_bad_entry_is_refused_at_its_path_saying_what_is_allowed(string json, string path, string message)
    {
        var result = Read(json);

        Assert.False(result.IsValid);
        Assert.Null(result.Space);
        var error = Assert.Single(result.Errors, e => e.Path == path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_every_problem_at_once_under_the_callers_path()
    {
        var result = Read("""{"lr": {"loguniform": [0, 1]}, "b": {"choice": []}, "x": {"gauss": [0, 1]}}""", "search.space");

        Assert.Equal(
            ["search.space.b.choice", "search.space.lr.loguniform", "search.space.x.gauss"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }
}
