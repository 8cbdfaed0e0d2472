using Orchestrator.Data;
using Orchestrator.Data.Datasets;

namespace Orchestrator.Training.Tests;

public sealed class TrainingSessionTests
{
    private static TrainingSettings Synthetic(double lr = 0.05, int seed = 1, double validation = 0) =>
        new("synthetic", 1.0, "mlp-small", LearningRate: lr, Seed: seed, ProbeSize: 200, ValidationFraction: validation);

    [Fact]
    public void Synthetic_run_learns_and_reports_a_connectome_of_all_hidden_neurons()
    {
        using var session = TrainingSession.Create(Synthetic(validation: 0.2));
        var first = session.RunEpoch(TestContext.Current.CancellationToken);
        var second = session.RunEpoch(TestContext.Current.CancellationToken);
        var test = session.EvaluateTest();

        Assert.Equal(2, session.CompletedEpochs);
        Assert.Equal((1, 2), (first.Epoch, second.Epoch));
        Assert.Equal(48, first.ConnectomeSize);
        Assert.Equal(48 * 47 / 2, first.ConnectomeUpperTriangle.Length);
        Assert.All(first.ConnectomeUpperTriangle, w => Assert.InRange(w, 0f, 1f));
        Assert.True(second.TrainingLoss < first.TrainingLoss);
        Assert.NotNull(first.ValidationLoss);
        Assert.InRange(first.ValidationAccuracy!.Value, 0, 1);
        Assert.True(test.Accuracy > 0.9, $"test accuracy {test.Accuracy}");
        Assert.Equal(SyntheticDataset.TestCount, test.Samples);
        // Every sample not held out is trained on: 20 % of the 800 go to validation.
        Assert.Equal((640, 160), (session.TrainingSamples, session.ValidationSamples));
    }

    [Fact]
    public void Same_seed_gives_bitwise_identical_trajectories_on_cpu()
    {
        using var a = TrainingSession.Create(Synthetic());
        using var b = TrainingSession.Create(Synthetic());
        for (var epoch = 0; epoch < 2; epoch++)
        {
            var sa = a.RunEpoch(TestContext.Current.CancellationToken);
            var sb = b.RunEpoch(TestContext.Current.CancellationToken);
            Assert.Equal(sa.TrainingLoss, sb.TrainingLoss);
            Assert.Equal(sa.ConnectomeUpperTriangle, sb.ConnectomeUpperTriangle);
        }

        using var other = TrainingSession.Create(Synthetic(seed: 2));
        Assert.NotEqual(a.EvaluateTest().Loss, other.RunEpoch(TestContext.Current.CancellationToken).TrainingLoss);
    }

    [Fact]
    public void Resuming_from_a_checkpoint_continues_the_exact_trajectory()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("run.ckpt");
        double[] uninterrupted;
        using (var session = TrainingSession.Create(Synthetic()))
        {
            uninterrupted = [.. Enumerable.Range(0, 4).Select(_ => session.RunEpoch(TestContext.Current.CancellationToken).TrainingLoss)];
        }

        using (var first = TrainingSession.Create(Synthetic()))
        {
            first.RunEpoch(TestContext.Current.CancellationToken);
            first.RunEpoch(TestContext.Current.CancellationToken);
            first.SaveCheckpoint(path);
        }

        using var resumed = TrainingSession.Resume(path, Synthetic());
        Assert.Equal(2, resumed.CompletedEpochs);
        var third = resumed.RunEpoch(TestContext.Current.CancellationToken);
        var fourth = resumed.RunEpoch(TestContext.Current.CancellationToken);

        Assert.Equal(3, third.Epoch);
        Assert.Equal(uninterrupted[2], third.TrainingLoss);
        Assert.Equal(uninterrupted[3], fourth.TrainingLoss);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void Corrupt_checkpoint_is_rejected()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("run.ckpt");
        using (var session = TrainingSession.Create(Synthetic()))
        {
            session.RunEpoch(TestContext.Current.CancellationToken);
            session.SaveCheckpoint(path);
        }

        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<CheckpointException>(() => TrainingSession.Resume(path, Synthetic()));
        Assert.Contains("checksum", ex.Message);

        File.WriteAllBytes(path, bytes[..100]);
        Assert.Throws<CheckpointException>(() => TrainingSession.Resume(path, Synthetic()));

        File.WriteAllText(path, "not a checkpoint at all, but long enough to have a trailer of 32 bytes");
        Assert.Contains("magic", Assert.Throws<CheckpointException>(() => TrainingSession.Resume(path, Synthetic())).Message);
    }

    [Fact]
    public void Checkpoint_for_other_settings_is_rejected_naming_both()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("run.ckpt");
        using (var session = TrainingSession.Create(Synthetic()))
        {
            session.SaveCheckpoint(path);
        }

        var ex = Assert.Throws<CheckpointException>(() => TrainingSession.Resume(path, Synthetic(lr: 0.1)));
        Assert.Contains("different settings", ex.Message);
    }

    [Fact]
    public void Huge_learning_rate_diverges_and_reports_a_non_finite_loss()
    {
        using var session = TrainingSession.Create(Synthetic(lr: 1e9));
        var snapshots = Enumerable.Range(0, 3).Select(_ => session.RunEpoch(TestContext.Current.CancellationToken)).ToArray();

        var diverged = snapshots.First(s => !double.IsFinite(s.TrainingLoss));
        Assert.Equal(0, diverged.ConnectomeSize);
        Assert.Empty(diverged.ConnectomeUpperTriangle);
    }

    [Theory]
    [InlineData("no-such-dataset", 0.5, 0.01, "dataset")]
    [InlineData("synthetic", 0, 0.01, "fraction")]
    [InlineData("synthetic", 1.5, 0.01, "fraction")]
    [InlineData("synthetic", 0.5, 0, "learning rate")]
    public void Invalid_settings_are_rejected_naming_the_field(string dataset, double fraction, double lr, string field)
    {
        var ex = Assert.Throws<ArgumentException>(() => TrainingSession.Create(new TrainingSettings(dataset, fraction, "mlp-small", LearningRate: lr)));
        Assert.Contains(field, ex.Message);
    }

    [Fact]
    public void Cnn_trains_on_cifar_shaped_data_and_exposes_its_fully_connected_weights()
    {
        using var dir = new TemporaryDirectory();
        var folder = Path.Combine(dir.Path, CifarBinaryLoader.Cifar10Folder);
        Directory.CreateDirectory(folder);
        var random = new DeterministicRandom(9);
        byte[] Records(int n) => [.. Enumerable.Range(0, n).SelectMany(i => new[] { (byte)(i % 10) }.Concat(Enumerable.Range(0, 3072).Select(_ => (byte)random.NextInt(256))))];
        foreach (var f in CifarBinaryLoader.Cifar10TrainFiles)
        {
            File.WriteAllBytes(Path.Combine(folder, f), Records(20));
        }

        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), Records(10));
        var settings = new TrainingSettings("cifar10", 1, "vgg-small", ProbeSize: 50, BatchSize: 25) { DataDirectory = dir.Path, WidthMultiplier = 0.25, ConvolutionsPerBlock = 1 };

        using var session = TrainingSession.Create(settings);
        var snapshot = session.RunEpoch(TestContext.Current.CancellationToken);
        var weights = session.NeuralPersistenceWeights();

        Assert.True(double.IsFinite(snapshot.TrainingLoss));
        Assert.Equal(64 + 32, snapshot.ConnectomeSize);
        Assert.Equal(3, weights.Count);
        Assert.Equal((32, 64), (weights[1].Rows, weights[1].Columns));
        Assert.Equal(64 * 32, weights[1].Values.Length);
    }

    [Fact]
    public void Fashion_mnist_ten_percent_learns_well_above_chance_in_three_epochs()
    {
        Assert.SkipUnless(IdxDatasetLoader.IsComplete(DataDirectory.DebianFashionMnist), "dataset-fashion-mnist is not installed (scripts/bootstrap.sh --with datasets)");
        using var session = TrainingSession.Create(new TrainingSettings("fashion-mnist", 0.1, "mlp-fashion"));
        Assert.Equal(6000, session.TrainingSamples);
        for (var epoch = 0; epoch < 3; epoch++)
        {
            var snapshot = session.RunEpoch(TestContext.Current.CancellationToken);
            Assert.Equal(384 * 383 / 2, snapshot.ConnectomeUpperTriangle.Length);
        }

        var test = session.EvaluateTest();
        Assert.True(test.Accuracy > 0.7, $"test accuracy {test.Accuracy} (chance is 0.1)");
    }
}
