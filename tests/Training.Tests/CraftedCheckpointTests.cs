namespace Orchestrator.Training.Tests;

/// <summary>
/// Checkpoints crafted by hand with a recomputed SHA-256 (the hash only catches accidents): every length, rank
/// and count is checked against the file before anything is allocated, so each is a <see cref="CheckpointException"/>.
/// </summary>
public sealed class CraftedCheckpointTests
{
    [Theory]
    [InlineData(-1, 4, 4, "rank -1")]
    [InlineData(9, 4, 4, "rank 9")]
    [InlineData(1, 1 << 30, 1 << 30, "claims 1073741824 values")]
    [InlineData(1, 4, 5, "stores 5")]
    [InlineData(1, -3, 4, "dimension 0 is -3")]
    public void A_tensor_whose_rank_or_length_does_not_fit_the_file_is_refused_by_name(int rank, long dimension, int length, string expected)
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("run.ckpt");
        File.WriteAllBytes(path, CraftedCheckpoint.OneTensor(rank, dimension, length));

        var ex = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.Read(path));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(1_000_000)]
    public void An_epoch_outside_the_limit_is_refused(int epoch)
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("run.ckpt");
        File.WriteAllBytes(path, CraftedCheckpoint.With(epoch, w => w.Write(0)));

        var ex = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.Read(path));
        Assert.Contains($"epoch is {epoch}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_count_larger_than_the_file_can_hold_is_refused_before_allocating()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("run.ckpt");
        File.WriteAllBytes(path, CraftedCheckpoint.With(1, w => w.Write(int.MaxValue)));

        var ex = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.Read(path));
        Assert.Contains("parameter count is 2147483647", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_checkpoint_still_reads_back_after_the_checks()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("run.ckpt");
        using var session = TrainingSession.Create(new TrainingSettings("synthetic", 1.0, "mlp-small", ProbeSize: 50));
        session.RunEpoch(TestContext.Current.CancellationToken);
        session.SaveCheckpoint(path);

        var checkpoint = TrainingCheckpoint.Read(path);

        Assert.Equal(1, checkpoint.Epoch);
        Assert.NotEmpty(checkpoint.Parameters);
        Assert.All(checkpoint.Parameters, p => Assert.Equal(p.Shape.Aggregate(1L, (a, b) => a * b), p.Values.Length));
    }
}
