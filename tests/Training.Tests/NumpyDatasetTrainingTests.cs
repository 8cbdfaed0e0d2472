using Orchestrator.Data.Numpy;
using Orchestrator.TestData;

namespace Orchestrator.Training.Tests;

public sealed class NumpyDatasetTrainingTests
{
    [Fact]
    public void A_built_in_mlp_learns_a_users_npz_with_fraction_hold_out_and_probe_as_for_built_in_data()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("data.npz");
        NpyFiles.Archive(path, NpyFiles.Separable(train: 300, test: 90, features: 12, classes: 3));
        var settings = new TrainingSettings(NumpyDatasetFiles.FromArchive(path).ToString(), 0.5, "mlp-small", LearningRate: 0.05, ProbeSize: 40, ValidationFraction: 0.2);

        using var session = TrainingSession.Create(settings);
        for (var epoch = 0; epoch < 5; epoch++)
        {
            session.RunEpoch(TestContext.Current.CancellationToken);
        }

        Assert.Equal(120, session.TrainingSamples);
        Assert.Equal(30, session.ValidationSamples);
        Assert.Equal(40, session.ProbeSamples);
        Assert.Equal(48, session.ConnectomeSize);
        Assert.True(session.EvaluateTest().Accuracy > 0.9, $"accuracy {session.EvaluateTest().Accuracy}");
    }
}
