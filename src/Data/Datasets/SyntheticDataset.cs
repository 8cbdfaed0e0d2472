namespace Orchestrator.Data.Datasets;

/// <summary>
/// A tiny generated dataset for fast tests: 4 classes of 1 × 8 × 8 images, each a fixed random
/// prototype plus noise, so a small network learns it in an epoch or two. Fully determined by
/// its constants (not by the run's seed), like a real dataset.
/// </summary>
public sealed class SyntheticDataset : DatasetDescriptor
{
    /// <summary>Number of classes.</summary>
    public const int Classes = 4;

    /// <summary>Image side length.</summary>
    public const int Side = 8;

    /// <summary>Training items.</summary>
    public const int TrainCount = 800;

    /// <summary>Test items.</summary>
    public const int TestCount = 200;

    /// <inheritdoc />
    public override string Name => "synthetic";

    /// <inheritdoc />
    public override string Description => "generated in memory: 4 classes of 8×8 noisy prototypes, for fast tests";

    /// <inheritdoc />
    public override DatasetAvailability Locate(string dataDirectory) =>
        new(Name, true, "(generated in memory)", "4 classes, 8×8, 800 train / 200 test", string.Empty);

    /// <inheritdoc />
    public override DatasetSplit Load(DatasetAvailability found, string dataDirectory) => Create();

    /// <summary>Generates the dataset.</summary>
    public static DatasetSplit Create()
    {
        var random = new DeterministicRandom(7, 7);
        var length = Side * Side;
        var prototypes = new float[Classes][];
        for (var c = 0; c < Classes; c++)
        {
            prototypes[c] = new float[length];
            for (var p = 0; p < length; p++)
            {
                prototypes[c][p] = (float)random.NextDouble();
            }
        }

        LabelledImages Make(int count)
        {
            var pixels = new float[count * length];
            var labels = new int[count];
            for (var i = 0; i < count; i++)
            {
                var c = i % Classes;
                labels[i] = c;
                for (var p = 0; p < length; p++)
                {
                    var noise = (float)(random.NextDouble() - 0.5) * 0.6f;
                    pixels[(i * length) + p] = Math.Clamp(prototypes[c][p] + noise, 0f, 1f);
                }
            }

            return new LabelledImages(pixels, labels, 1, Side, Side, Classes);
        }

        var train = Make(TrainCount);
        var test = Make(TestCount);
        return new DatasetSplit("synthetic", train, test, $"generated: {Classes} classes of {Side}×{Side} prototypes + noise ({TrainCount} train / {TestCount} test)");
    }
}
