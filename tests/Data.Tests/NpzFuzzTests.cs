using Orchestrator.Data.Numpy;
using Orchestrator.TestData;

namespace Orchestrator.Data.Tests;

/// <summary>
/// Random mutations of one array of a valid .npz data set (header or data): the loader either loads it or refuses
/// it with a <see cref="DatasetFormatException"/> naming the array, never another exception or an unbounded read.
/// </summary>
public sealed class NpzFuzzTests
{
    [Fact]
    public void Mutated_npy_arrays_load_or_are_refused_with_a_dataset_format_error()
    {
        using var dir = new TemporaryDirectory();
        var arrays = NpyFiles.Separable(train: 30, test: 9, features: 12, classes: 3);
        var names = arrays.Keys.Order(StringComparer.Ordinal).ToList();
        var path = dir.File("fuzz.npz");
        var refused = 0;

        var iterations = Fuzz.Run(seed: 20, [.. names.Select(n => arrays[n])], (mutated, iteration) =>
        {
            var copy = new Dictionary<string, byte[]>(arrays) { [names[iteration % names.Count]] = mutated };
            File.Delete(path);
            NpyFiles.Archive(path, copy);
            try
            {
                // A mutation that still parses (a changed value, a padded header) loads as a data set.
                _ = NumpyDatasetLoader.Load(NumpyDatasetFiles.FromArchive(path));
            }
            catch (DatasetFormatException ex)
            {
                refused++;
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            }
        });

        Assert.True(iterations > 20, $"only {iterations} mutations in {Fuzz.Budget}");
        Assert.True(refused > 0);
        TestContext.Current.SendDiagnosticMessage($"{iterations} mutated .npz files, {refused} refused");
    }
}
