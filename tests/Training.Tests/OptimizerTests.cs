using Orchestrator.Data.Optimization;
using Orchestrator.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Orchestrator.Training.Tests;

public sealed class OptimizerTests
{
    private static TrainingSettings Synthetic(string optimizer, LearningRateSchedule? schedule = null, bool nesterov = false) =>
        new("synthetic", 1.0, "mlp-small", LearningRate: optimizer == "sgd" ? 0.05 : 0.003, Seed: 2, ProbeSize: 100)
        {
            Optimizer = optimizer,
            Nesterov = nesterov,
            Schedule = schedule ?? LearningRateSchedule.Constant,
            ScheduleHorizon = 4,
        };

    [Fact]
    public void Adam_first_step_moves_each_weight_by_the_learning_rate_against_its_gradient_sign()
    {
        // With m and v started at zero, Adam's bias-corrected first step is lr · g / (|g| + ε): lr · sign(g).
        using var parameter = tensor(new[] { 1f, -2f, 3f }).requires_grad_();
        using var optimizer = new AdamOptimizer([parameter], learningRate: 0.1, beta1: 0.9, beta2: 0.999, weightDecay: 0, decoupled: false);
        using (var loss = (parameter * tensor(new[] { 2f, -3f, 0.5f })).sum())
        {
            loss.backward();
        }

        optimizer.Step();
        var values = parameter.detach().data<float>().ToArray();
        Assert.Equal(0.9f, values[0], 5);
        Assert.Equal(-1.9f, values[1], 5);
        Assert.Equal(2.9f, values[2], 5);
    }

    [Fact]
    public void Adamw_decays_weights_apart_from_the_gradient_while_adam_adds_decay_to_it()
    {
        using var a = tensor(new[] { 10f }).requires_grad_();
        using var b = tensor(new[] { 10f }).requires_grad_();
        using var adam = new AdamOptimizer([a], 0.1, 0.9, 0.999, weightDecay: 0.5, decoupled: false);
        using var adamw = new AdamOptimizer([b], 0.1, 0.9, 0.999, weightDecay: 0.5, decoupled: true);
        foreach (var (p, o) in new[] { (a, (ParameterOptimizer)adam), (b, adamw) })
        {
            using var loss = (p * 0f).sum();
            loss.backward();
            o.Step();
        }

        // Zero gradient: Adam's step comes from λ·p alone (a full lr step); AdamW's only from p·(1 − lr·λ).
        Assert.Equal(9.9f, a.detach().item<float>(), 5);
        Assert.Equal(9.5f, b.detach().item<float>(), 5);
    }

    [Theory]
    [InlineData("adam", "constant")]
    [InlineData("adamw", "cosine")]
    [InlineData("sgd", "step(1,0.5)")]
    public void Resuming_continues_the_exact_trajectory_for_every_optimizer_and_schedule(string optimizer, string schedule)
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("run.ckpt");
        var settings = Synthetic(optimizer, LearningRateSchedule.Parse(schedule), nesterov: optimizer == "sgd");
        double[] uninterrupted;
        using (var session = TrainingSession.Create(settings))
        {
            uninterrupted = [.. Enumerable.Range(0, 4).Select(_ => session.RunEpoch(TestContext.Current.CancellationToken).TrainingLoss)];
        }

        using (var first = TrainingSession.Create(settings))
        {
            first.RunEpoch(TestContext.Current.CancellationToken);
            first.RunEpoch(TestContext.Current.CancellationToken);
            first.SaveCheckpoint(path);
        }

        using var resumed = TrainingSession.Resume(path, settings);
        Assert.Equal(uninterrupted[2], resumed.RunEpoch(TestContext.Current.CancellationToken).TrainingLoss);
        Assert.Equal(uninterrupted[3], resumed.RunEpoch(TestContext.Current.CancellationToken).TrainingLoss);
        Assert.True(uninterrupted[3] < uninterrupted[0], $"{optimizer} did not learn: {string.Join(", ", uninterrupted)}");
    }

    [Fact]
    public void A_checkpoint_of_one_optimizer_does_not_resume_another()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("run.ckpt");
        using (var session = TrainingSession.Create(Synthetic("adam")))
        {
            session.RunEpoch(TestContext.Current.CancellationToken);
            session.SaveCheckpoint(path);
        }

        var ex = Assert.Throws<CheckpointException>(() => TrainingSession.Resume(path, Synthetic("adamw")));
        Assert.Contains("different settings", ex.Message);
    }

    [Fact]
    public void Nesterov_changes_the_trajectory_of_sgd()
    {
        using var plain = TrainingSession.Create(Synthetic("sgd"));
        using var nesterov = TrainingSession.Create(Synthetic("sgd", nesterov: true));
        plain.RunEpoch(TestContext.Current.CancellationToken);
        nesterov.RunEpoch(TestContext.Current.CancellationToken);
        Assert.NotEqual(plain.RunEpoch(TestContext.Current.CancellationToken).TrainingLoss, nesterov.RunEpoch(TestContext.Current.CancellationToken).TrainingLoss);
    }

    [Fact]
    public void Nesterov_without_momentum_and_unknown_optimizers_are_refused_naming_the_field()
    {
        var noMomentum = Synthetic("sgd", nesterov: true) with { Momentum = 0 };
        Assert.Contains("nesterov", Assert.Throws<ArgumentException>(() => TrainingSession.Validate(noMomentum)).Message);
        Assert.Contains("optimizer 'rmsprop'", Assert.Throws<ArgumentException>(() => TrainingSession.Validate(Synthetic("rmsprop"))).Message);
    }
}
