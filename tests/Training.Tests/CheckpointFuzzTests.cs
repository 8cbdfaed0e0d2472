namespace Orchestrator.Training.Tests;

/// <summary>
/// Random mutations of a real checkpoint, with the SHA-256 recomputed so every mutation reaches the parser (the
/// hash only stops accidents): reading either succeeds or is a <see cref="CheckpointException"/>, never another
/// exception, an allocation of what the file cannot hold, or a crash.
/// </summary>
public sealed class CheckpointFuzzTests
{
    [Fact]
    public void Mutated_checkpoints_with_recomputed_hashes_are_read_or_refused_with_a_checkpoint_error()
    {
        using var dir = new TemporaryDirectory();
        var source = dir.File("valid.ckpt");
        using (var session = TrainingSession.Create(new TrainingSettings("synthetic", 1.0, "mlp-small", ProbeSize: 50) { Optimizer = "adam" }))
        {
            session.RunEpoch(TestContext.Current.CancellationToken);
            session.SaveCheckpoint(source);
        }

        var valid = File.ReadAllBytes(source);
        var body = valid[..^32];
        var path = dir.File("mutated.ckpt");
        var refused = 0;

        var iterations = Fuzz.Run(seed: 21, [body], (mutated, iteration) =>
        {
            // Half keep the hash of the mutated body (the parser's checks), half keep the stale one (the hash's).
            File.WriteAllBytes(path, iteration % 2 == 0 ? CraftedCheckpoint.Rehashed(mutated) : [.. mutated, .. valid[^32..]]);
            try
            {
                var checkpoint = TrainingCheckpoint.Read(path);
                Assert.All(checkpoint.Parameters, p => Assert.Equal(p.Shape.Aggregate(1L, (a, b) => a * b), p.Values.Length));
                _ = CheckpointWeights.Read(path);
            }
            catch (CheckpointException ex)
            {
                refused++;
                Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            }
        });

        Assert.True(iterations > 50, $"only {iterations} mutations in {Fuzz.Budget}");
        Assert.True(refused > 0);
        TestContext.Current.SendDiagnosticMessage($"{iterations} mutated checkpoints, {refused} refused");
    }
}
