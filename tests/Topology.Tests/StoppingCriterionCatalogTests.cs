using Orchestrator.Topology.Stopping;

namespace Orchestrator.Topology.Tests;

public sealed class StoppingCriterionCatalogTests
{
    private static readonly StoppingCriterionCatalog Catalog = StoppingCriterionCatalog.Default;

    [Fact]
    public void Discovers_every_criterion_of_the_library_by_reflection()
    {
        Assert.Contains("top", Catalog.Names);
        Assert.Contains("vl", Catalog.Names);
        Assert.Contains("none", Catalog.Names);
        foreach (var descriptor in Catalog.Descriptors)
        {
            // Each descriptor builds a criterion of its own name from its defaults alone.
            Assert.Equal(descriptor.Name, Catalog.Create(descriptor.Name).Name);
            Assert.Equal(descriptor.Parameters.Count, descriptor.Parameters.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
    }

    [Fact]
    public void Defaults_by_name_equal_the_constructor_defaults()
    {
        var top = Assert.IsType<TopStoppingCriterion>(Catalog.Create("top"));
        Assert.Equal(new PlateauRuleOptions(), top.Options);
        Assert.Equal(new TopStoppingCriterion().Component, top.Component);
        var vl = Assert.IsType<ValidationLossStoppingCriterion>(Catalog.Create("VL"));
        var plain = new ValidationLossStoppingCriterion();
        Assert.Equal((plain.Patience, plain.MinDelta, plain.MaxEpochs), (vl.Patience, vl.MinDelta, vl.MaxEpochs));
        Assert.Equal(new MaxEpochsStoppingCriterion().MaxEpochs, Assert.IsType<MaxEpochsStoppingCriterion>(Catalog.Create("none")).MaxEpochs);
    }

    [Fact]
    public void Parses_a_one_line_specification()
    {
        var top = Assert.IsType<TopStoppingCriterion>(
            Catalog.Parse("top: window=7, smoothing=EMA, relativeThreshold=0.02, warmUp=3, patience=4, maxEpochs=40, component=w1, onNonFinite=skip, minDelta=0.001"));
        Assert.Equal(
            new PlateauRuleOptions
            {
                Window = 7,
                Smoothing = SmoothingMethod.ExponentialMovingAverage,
                RelativeThreshold = 0.02,
                WarmUp = 3,
                Patience = 4,
                MaxEpochs = 40,
                OnNonFinite = NonFiniteSignalPolicy.Skip,
                MinDelta = 0.001,
            },
            top.Options);
        Assert.Equal(GraphDistanceComponent.W1, top.Component);

        var vl = Assert.IsType<ValidationLossStoppingCriterion>(Catalog.Create("vl", new Dictionary<string, string> { ["patience"] = "9", ["minDelta"] = "1e-3" }));
        Assert.Equal(9, vl.Patience);
        Assert.Equal(1e-3, vl.MinDelta);
    }

    [Theory]
    [InlineData("fancy", "unknown stopping criterion 'fancy'", "none, top, vl")]
    [InlineData("top:windw=3", "top: unknown parameter 'windw'", "allowed: component, smoothing, window")]
    [InlineData("none:patience=3", "none: unknown parameter 'patience'", "allowed: maxEpochs")]
    [InlineData("top:window=three", "top: window is 'three'", "integer")]
    [InlineData("top:window=0", "top: window is 0", "≥ 1")]
    [InlineData("top:relativeThreshold=1.5", "top: relativeThreshold is 1.5", "[0, 1)")]
    [InlineData("top:relativeThreshold=nan", "top: relativeThreshold is 'nan'", "finite number")]
    [InlineData("top:component=w2", "top: component is 'w2'", "w, w0, w1")]
    [InlineData("top:smoothing=median", "top: smoothing is 'median'", "ma, ema")]
    [InlineData("vl:patience=0", "vl: patience is 0", "≥ 1")]
    [InlineData("vl:minDelta=-1", "vl: minDelta is -1", "≥ 0")]
    [InlineData("none:maxEpochs=0", "none: maxEpochs is 0", "≥ 1")]
    [InlineData("top:window", "'window' in stopping criterion", "param=value")]
    [InlineData("top:window=3,window=4", "parameter 'window' is given twice", "top:window=3,window=4")]
    public void Bad_specifications_say_what_is_wrong_and_what_is_allowed(string specification, string problem, string allowed)
    {
        var ex = Assert.Throws<ArgumentException>(() => Catalog.Parse(specification));
        Assert.Contains(problem, ex.Message);
        Assert.Contains(allowed, ex.Message);
        Assert.DoesNotContain("\n", ex.Message);
    }

    [Fact]
    public void Two_criteria_with_one_name_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new StoppingCriterionCatalog([new TopStoppingCriterion.Descriptor(), new TopStoppingCriterion.Descriptor()]));
        Assert.Contains("'top'", ex.Message);
    }
}
