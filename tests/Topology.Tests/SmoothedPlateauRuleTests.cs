using Orchestrator.Topology.Stopping;

namespace Orchestrator.Topology.Tests;

public sealed class SmoothedPlateauRuleTests
{
    // The floor of the reference Fashion-MNIST run: a settled trend plus noise jumping between 0.2 and 2.4.
    private static List<double> NoisyDecay(int seed, int epochs = 100)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(1, epochs).Select(e => 1.3 + (6 * Math.Exp(-(e - 1) / 5.0)) + (((random.NextDouble() * 2) - 1) * 1.1))];
    }

    private static (int Epoch, StoppingDecision Decision) RunUntilStop(SmoothedPlateauRule rule, IReadOnlyList<double?> values)
    {
        for (var k = 0; k < values.Count; k++)
        {
            var decision = rule.Observe(k + 1, values[k]);
            if (decision.ShouldStop)
            {
                return (k + 1, decision);
            }
        }

        return (0, StoppingDecision.Continue(rule.BestEpoch));
    }

    [Fact]
    public void Matches_a_plain_reimplementation_of_the_rule_on_random_series()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 300; trial++)
        {
            var ema = random.Next(2) == 1;
            var window = random.Next(1, 7);
            var relative = random.NextDouble() * 0.3;
            var minDelta = random.Next(3) == 0 ? random.NextDouble() * 0.2 : 0;
            var warmUp = random.Next(0, 6);
            var patience = random.Next(1, 7);
            var maxEpochs = random.Next(5, 60);
            var values = Enumerable.Range(0, 60).Select(e => (3 * Math.Exp(-e / 8.0)) + random.NextDouble()).ToList();
            var rule = new SmoothedPlateauRule(
                new PlateauRuleOptions
                {
                    Smoothing = ema ? SmoothingMethod.ExponentialMovingAverage : SmoothingMethod.MovingAverage,
                    Window = window,
                    RelativeThreshold = relative,
                    MinDelta = minDelta,
                    WarmUp = warmUp,
                    Patience = patience,
                    MaxEpochs = maxEpochs,
                },
                "w");

            var expected = PlateauReference.Run(values, ema, window, relative, minDelta, warmUp, patience, maxEpochs);
            var (epoch, decision) = RunUntilStop(rule, [.. values.Select(v => (double?)v)]);
            Assert.NotNull(expected);
            Assert.Equal(expected.Value.StopEpoch, epoch);
            Assert.Equal(expected.Value.BestEpoch, decision.BestEpoch);
        }
    }

    [Fact]
    public void Noisy_decay_rarely_stops_before_the_trend_settles_where_plain_patience_often_does()
    {
        // "Settled" = the trend's excess over its floor is below about a quarter of the floor (epoch ≥ 16).
        const int Settled = 16;
        var prematureRule = 0;
        var prematurePlain = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var values = NoisyDecay(seed);
            var (epoch, _) = RunUntilStop(new SmoothedPlateauRule(new PlateauRuleOptions(), "w"), [.. values.Select(v => (double?)v)]);
            Assert.InRange(epoch, Settled - 1, 45);
            prematureRule += epoch < Settled ? 1 : 0;
            prematurePlain += PlateauReference.PlainPatience(values, 5) < Settled ? 1 : 0;
        }

        Assert.True(prematurePlain >= 10, $"the scenario should trip plain patience (it did {prematurePlain} times)");
        Assert.True(prematureRule * 3 < prematurePlain, $"smoothed rule stopped early {prematureRule} times, plain patience {prematurePlain}");
    }

    [Fact]
    public void A_single_noise_dip_stops_plain_patience_but_not_the_smoothed_rule()
    {
        // Steady 8 % decay per epoch with one outlier low at epoch 7: plain patience waits in vain for the
        // trend to beat the outlier; the smoothed rule sees the trend and keeps going.
        var values = Enumerable.Range(1, 40).Select(e => e == 7 ? 0.3 : 5 * Math.Pow(0.92, e)).ToList();
        var plain = PlateauReference.PlainPatience(values, 5);
        Assert.NotNull(plain);
        Assert.True(plain < 15);

        var rule = new SmoothedPlateauRule(new PlateauRuleOptions { RelativeThreshold = 0.05, MaxEpochs = 40 }, "w");
        var (epoch, decision) = RunUntilStop(rule, [.. values.Select(v => (double?)v)]);
        Assert.True(epoch > 25, $"stopped at {epoch}: {decision.Reason}");
    }

    [Fact]
    public void Each_decision_carries_the_moving_average_the_rule_compared()
    {
        var options = new PlateauRuleOptions { WarmUp = 2, Window = 3, MaxEpochs = 50 };
        var rule = new SmoothedPlateauRule(options, "w");
        var values = NoisyDecay(3, 20);
        for (var epoch = 1; epoch <= values.Count; epoch++)
        {
            var decision = rule.Observe(epoch, values[epoch - 1]);
            var seen = epoch - options.WarmUp;
            if (seen < options.Window)
            {
                Assert.Null(decision.SmoothedSignal);
            }
            else
            {
                var expected = values.Skip(epoch - options.Window).Take(options.Window).Average();
                Assert.Equal(expected, decision.SmoothedSignal!.Value, 12);
            }

            if (decision.ShouldStop)
            {
                break;
            }
        }
    }

    [Fact]
    public void Monotone_decay_runs_to_max_epochs_and_the_last_epoch_is_best()
    {
        var rule = new SmoothedPlateauRule(new PlateauRuleOptions { MaxEpochs = 30 }, "w");
        var (epoch, decision) = RunUntilStop(rule, [.. Enumerable.Range(1, 50).Select(e => (double?)(10 * Math.Pow(0.7, e)))]);
        Assert.Equal(30, epoch);
        Assert.Equal(30, decision.BestEpoch);
        Assert.Contains("max epochs (30)", decision.Reason);
    }

    [Fact]
    public void A_flat_signal_stops_after_warm_up_plus_window_plus_patience()
    {
        var options = new PlateauRuleOptions { WarmUp = 3, Window = 4, Patience = 2 };
        var rule = new SmoothedPlateauRule(options, "w");
        var (epoch, decision) = RunUntilStop(rule, [.. Enumerable.Repeat((double?)1.0, 50)]);

        // First smoothed value at epoch warmUp + window (the reference), then patience epochs without improvement.
        Assert.Equal(options.WarmUp + options.Window + options.Patience, epoch);
        Assert.Equal(options.WarmUp + options.Window, decision.BestEpoch);
        Assert.Contains("has not improved", decision.Reason);
    }

    [Fact]
    public void Warm_up_epochs_do_not_influence_any_decision()
    {
        var tail = NoisyDecay(3).Skip(5).ToList();
        var quiet = new SmoothedPlateauRule(new PlateauRuleOptions { WarmUp = 5 }, "w");
        var wild = new SmoothedPlateauRule(new PlateauRuleOptions { WarmUp = 5 }, "w");
        double[] calm = [1, 1, 1, 1, 1];
        double[] huge = [1e6, 0, 5e5, 1e-9, 42];
        for (var e = 1; e <= 5; e++)
        {
            Assert.False(quiet.Observe(e, calm[e - 1]).ShouldStop);
            Assert.False(wild.Observe(e, huge[e - 1]).ShouldStop);
            Assert.Null(quiet.Smoothed);
        }

        for (var k = 0; k < tail.Count; k++)
        {
            var a = quiet.Observe(k + 6, tail[k]);
            var b = wild.Observe(k + 6, tail[k]);
            Assert.Equal(a, b);
            Assert.Equal(quiet.Smoothed, wild.Smoothed);
            if (a.ShouldStop)
            {
                return;
            }
        }
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+∞")]
    [InlineData(double.NegativeInfinity, "−∞")]
    public void A_non_finite_value_stops_at_once_by_default_naming_value_and_epoch(double bad, string shown)
    {
        var rule = new SmoothedPlateauRule(new PlateauRuleOptions { WarmUp = 0, Window = 2 }, "w");
        Assert.False(rule.Observe(1, 3.0).ShouldStop);
        Assert.False(rule.Observe(2, 2.0).ShouldStop);
        var decision = rule.Observe(3, bad);
        Assert.True(decision.ShouldStop);
        Assert.Contains($"w is {shown} at epoch 3", decision.Reason);
        Assert.Equal(2, decision.BestEpoch);
    }

    [Fact]
    public void With_skip_a_non_finite_value_is_neither_smoothed_nor_counted()
    {
        var options = new PlateauRuleOptions { WarmUp = 0, Window = 2, Patience = 2, OnNonFinite = NonFiniteSignalPolicy.Skip };
        var skipping = new SmoothedPlateauRule(options, "w");
        var clean = new SmoothedPlateauRule(options, "w");
        double[] values = [4, 3, 3, 3, 3, 3];
        double[] bad = [double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        for (var k = 0; k < values.Length; k++)
        {
            var before = skipping.Smoothed;
            Assert.False(skipping.Observe((2 * k) + 1, bad[k % bad.Length]).ShouldStop);
            Assert.Equal(before, skipping.Smoothed);
            var actual = skipping.Observe((2 * k) + 2, values[k]);
            var expected = clean.Observe(k + 1, values[k]);
            Assert.Equal(expected.ShouldStop, actual.ShouldStop);
            Assert.Equal(clean.Smoothed, skipping.Smoothed);
            Assert.Equal(clean.EpochsWithoutImprovement, skipping.EpochsWithoutImprovement);
            if (expected.ShouldStop)
            {
                return;
            }
        }

        Assert.Fail("the clean series should have stopped");
    }

    [Fact]
    public void Missing_values_are_ignored()
    {
        var rule = new SmoothedPlateauRule(new PlateauRuleOptions { WarmUp = 0, Window = 1, Patience = 1 }, "w");
        Assert.False(rule.Observe(1, null).ShouldStop);
        Assert.False(rule.Observe(2, 1.0).ShouldStop);
        Assert.False(rule.Observe(3, null).ShouldStop);
        Assert.False(rule.Observe(4, 0.5).ShouldStop);
        Assert.True(rule.Observe(5, 0.5).ShouldStop);
    }

    [Fact]
    public void Best_epoch_is_the_lowest_smoothed_value_even_without_a_significant_improvement()
    {
        var rule = new SmoothedPlateauRule(new PlateauRuleOptions { WarmUp = 0, Window = 1, RelativeThreshold = 0.5, Patience = 3 }, "w");
        rule.Observe(1, 1.0);
        rule.Observe(2, 0.9);
        var decision = rule.Observe(3, 0.95);
        Assert.Equal(2, decision.BestEpoch);
        Assert.Equal(2, rule.EpochsWithoutImprovement);
        var stop = rule.Observe(4, 0.8);
        Assert.True(stop.ShouldStop);
        Assert.Equal(4, stop.BestEpoch);
    }

    [Fact]
    public void Epochs_must_strictly_increase()
    {
        var rule = new SmoothedPlateauRule(new PlateauRuleOptions(), "w");
        rule.Observe(2, 1.0);
        var ex = Assert.Throws<ArgumentException>(() => rule.Observe(2, 1.0));
        Assert.Contains("strictly increasing", ex.Message);
        Assert.Throws<ArgumentException>(() => new SmoothedPlateauRule(new PlateauRuleOptions(), "w").Observe(0, 1.0));
    }

    [Fact]
    public void Moving_average_and_ema_match_their_definitions()
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, 40).Select(_ => random.NextDouble() * 10).ToArray();
        var ma = new SignalSmoother(SmoothingMethod.MovingAverage, 4);
        var ema = new SignalSmoother(SmoothingMethod.ExponentialMovingAverage, 4);
        var alpha = 2.0 / 5;
        var expectedEma = values[0];
        for (var k = 0; k < values.Length; k++)
        {
            var expectedMa = values.Skip(Math.Max(0, k - 3)).Take(Math.Min(k + 1, 4)).Average();
            expectedEma = k == 0 ? values[0] : (alpha * values[k]) + ((1 - alpha) * expectedEma);
            Assert.Equal(expectedMa, ma.Add(values[k]), 12);
            Assert.Equal(expectedEma, ema.Add(values[k]), 12);
            Assert.Equal(k >= 3, ma.IsReady);
        }
    }

    public static TheoryData<string, Func<PlateauRuleOptions>, string> InvalidOptions => new()
    {
        { "window", () => new PlateauRuleOptions { Window = 0 }, "≥ 1" },
        { "relativeThreshold", () => new PlateauRuleOptions { RelativeThreshold = 1 }, "[0, 1)" },
        { "relativeThreshold", () => new PlateauRuleOptions { RelativeThreshold = -0.1 }, "[0, 1)" },
        { "relativeThreshold", () => new PlateauRuleOptions { RelativeThreshold = double.NaN }, "[0, 1)" },
        { "minDelta", () => new PlateauRuleOptions { MinDelta = -1 }, "≥ 0" },
        { "warmUp", () => new PlateauRuleOptions { WarmUp = -1 }, "≥ 0" },
        { "patience", () => new PlateauRuleOptions { Patience = 0 }, "≥ 1" },
        { "maxEpochs", () => new PlateauRuleOptions { MaxEpochs = 0 }, "≥ 1" },
        { "smoothing", () => new PlateauRuleOptions { Smoothing = (SmoothingMethod)9 }, "MovingAverage" },
        { "onNonFinite", () => new PlateauRuleOptions { OnNonFinite = (NonFiniteSignalPolicy)9 }, "Skip" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_rejected_naming_the_parameter_and_its_range(string parameter, Func<PlateauRuleOptions> build, string range)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(build);
        Assert.Equal(parameter, ex.ParamName);
        Assert.StartsWith(parameter + " is ", ex.Message);
        Assert.Contains(range, ex.Message);
    }
}
