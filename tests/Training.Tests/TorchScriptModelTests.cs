using Orchestrator.Data.Models;
using Orchestrator.Data.Numpy;
using Orchestrator.TestData;
using Orchestrator.Training.Models;

namespace Orchestrator.Training.Tests;

/// <remarks>
/// Alone, not beside other tests: a TorchScript model's dropout draws from torch's process-wide generator, which
/// the session seeds per epoch; a test drawing random numbers in parallel would shift it (the limitation the
/// training README states for trials running at once in one silo).
/// </remarks>
[Collection(TorchGlobalGenerator.Name)]
public sealed class TorchScriptModelTests : IDisposable
{
    private static readonly string Models = Path.Combine(AppContext.BaseDirectory, "torchscript");
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Model(string file, string connectome = "connectome") =>
        new UserModelReference { TorchScript = Path.Combine(Models, file), Connectome = connectome }.ToString();

    private string Npz(int features = 12, int classes = 3)
    {
        var path = _dir.File($"data-{features}-{classes}.npz");
        if (File.Exists(path))
        {
            return NumpyDatasetFiles.FromArchive(path).ToString();
        }

        NpyFiles.Archive(path, NpyFiles.Separable(train: 240, test: 60, features: features, classes: classes));
        return NumpyDatasetFiles.FromArchive(path).ToString();
    }

    private TrainingSettings Settings(string model, string? dataset = null, string optimizer = "sgd") =>
        new(dataset ?? Npz(), 1.0, model, LearningRate: optimizer == "sgd" ? 0.05 : 0.01, BatchSize: 16, Seed: 3, ProbeSize: 50)
        {
            Optimizer = optimizer,
            TrustedModelDirectories = [Models],
        };

    [Fact]
    public void A_torchscript_mlp_learns_a_users_npz_and_exposes_its_connectome_and_weights()
    {
        using var session = TrainingSession.Create(Settings(Model("mlp.pt"), optimizer: "adam"));
        var first = session.RunEpoch(TestContext.Current.CancellationToken);
        EpochSnapshot last = first;
        for (var i = 0; i < 5; i++)
        {
            last = session.RunEpoch(TestContext.Current.CancellationToken);
        }

        Assert.Equal(24, session.ConnectomeSize);
        Assert.Equal(24 * 23 / 2, last.ConnectomeUpperTriangle.Length);
        Assert.True(last.TrainingLoss < first.TrainingLoss, $"{first.TrainingLoss} → {last.TrainingLoss}");
        Assert.True(session.EvaluateTest().Accuracy > 0.9, $"accuracy {session.EvaluateTest().Accuracy}");
        Assert.Equal(["fc1", "fc2", "fc3"], session.NeuralPersistenceWeights().Select(w => w.Layer));
        Assert.Equal((16, 12), (session.NeuralPersistenceWeights()[0].Rows, session.NeuralPersistenceWeights()[0].Columns));
    }

    [Theory]
    [InlineData("mlp.pt", "connectome", false)]
    [InlineData("cnn.pt", "hidden_units", true)]
    public void Resuming_a_torchscript_model_continues_bit_for_bit_with_its_buffers(string file, string connectome, bool synthetic)
    {
        // mlp.pt has dropout (train/eval and torch's generator matter); cnn.pt has batch norm (its running statistics are buffers).
        var settings = Settings(Model(file, connectome), synthetic ? "synthetic" : null);
        var path = _dir.File("run.ckpt");
        double[] uninterrupted;
        float[] lastConnectome;
        double testLoss;
        using (var session = TrainingSession.Create(settings))
        {
            var snapshots = Enumerable.Range(0, 4).Select(_ => session.RunEpoch(TestContext.Current.CancellationToken)).ToArray();
            uninterrupted = [.. snapshots.Select(s => s.TrainingLoss)];
            lastConnectome = snapshots[^1].ConnectomeUpperTriangle;
            testLoss = session.EvaluateTest().Loss;
        }

        using (var first = TrainingSession.Create(settings))
        {
            first.RunEpoch(TestContext.Current.CancellationToken);
            first.RunEpoch(TestContext.Current.CancellationToken);
            first.SaveCheckpoint(path);
        }

        using var resumed = TrainingSession.Resume(path, settings);
        Assert.Equal(uninterrupted[2], resumed.RunEpoch(TestContext.Current.CancellationToken).TrainingLoss);
        var fourth = resumed.RunEpoch(TestContext.Current.CancellationToken);
        Assert.Equal(uninterrupted[3], fourth.TrainingLoss);
        Assert.Equal(lastConnectome, fourth.ConnectomeUpperTriangle);
        Assert.Equal(testLoss, resumed.EvaluateTest().Loss);
    }

    [Theory]
    [InlineData("bad_no_connectome.pt", "connectome", "model.connectome: ", "no usable method 'connectome'")]
    [InlineData("mlp.pt", "other", "model.connectome: ", "no usable method 'other'")]
    [InlineData("bad_connectome_rank.pt", "connectome", "model.connectome: ", "returned shape [2, 24, 1]")]
    [InlineData("bad_empty_connectome.pt", "connectome", "model.connectome: ", "n ≥ 2")]
    [InlineData("bad_logits.pt", "connectome", "model: ", "must return logits [batch, classes] = [2, 3]")]
    [InlineData("make_models.py", "connectome", "model: ", "not a TorchScript model")]
    public void A_model_breaking_the_contract_is_refused_naming_the_field_and_the_fix(string file, string connectome, string field, string message)
    {
        var path = Path.Combine(Models, file);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, "print('not a model')");
        }

        var ex = Assert.Throws<ModelCheckException>(() => TrainingSession.Create(Settings(Model(file, connectome))));
        Assert.StartsWith(field, ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Data_of_a_shape_the_model_rejects_is_refused_saying_the_shape_it_got()
    {
        var ex = Assert.Throws<ModelCheckException>(() => TrainingSession.Create(Settings(Model("mlp.pt"), Npz(features: 10))));
        Assert.Contains("rejected an input batch of shape [2, 10]", ex.Message);
    }

    [Fact]
    public void Logits_for_another_number_of_classes_are_refused()
    {
        var ex = Assert.Throws<ModelCheckException>(() => TrainingSession.Create(Settings(Model("mlp.pt"), Npz(classes: 4))));
        Assert.Contains("[2, 4] (the data set has 4 classes)", ex.Message);
    }

    [Fact]
    public void A_model_outside_the_trusted_directories_is_refused()
    {
        var copy = _dir.File("mlp.pt");
        File.Copy(Path.Combine(Models, "mlp.pt"), copy);
        var settings = Settings(new UserModelReference { TorchScript = copy }.ToString());
        var ex = Assert.Throws<ModelCheckException>(() => TrainingSession.Create(settings));
        Assert.StartsWith("model.torchscript: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--models-dir", ex.Message);

        Directory.CreateSymbolicLink(_dir.File("linked"), Models);
        var linked = Settings(new UserModelReference { TorchScript = Path.Combine(_dir.File("linked"), "mlp.pt") }.ToString()) with { TrustedModelDirectories = [_dir.Path] };
        Assert.Contains("symbolic link", Assert.Throws<ModelCheckException>(() => TrainingSession.Create(linked)).Message);
    }
}
