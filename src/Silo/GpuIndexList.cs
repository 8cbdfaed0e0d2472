using System.Globalization;

namespace Orchestrator.Silo;

/// <summary>
/// The silo's <c>--gpus</c> value: distinct, non-negative CUDA device indices, comma-separated, each optionally
/// with the trials it takes at once (<c>0:4,1:4</c>); entries without a count take <c>--trials-per-gpu</c>.
/// </summary>
internal static class GpuIndexList
{
    /// <summary>The most trials one GPU may be given: beyond this CUDA contexts alone would fill a GPU's memory.</summary>
    public const int MaxTrialsPerGpu = 64;

    /// <summary>
    /// Parses <paramref name="text"/> (null or blank: no GPUs) into device indices and the trials each takes;
    /// on failure <paramref name="error"/> names the bad entry and the fix.
    /// </summary>
    public static bool TryParse(string? text, int trialsPerGpu, out int[] gpus, out int[] trials, out string? error)
    {
        gpus = [];
        trials = [];
        error = null;
        if (trialsPerGpu is < 1 or > MaxTrialsPerGpu)
        {
            error = $"--trials-per-gpu: {trialsPerGpu} is out of range; give 1 to {MaxTrialsPerGpu} trials at once per GPU";
            return false;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parsed = new List<int>();
        var counts = new List<int>();
        foreach (var entry in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(':', 2, StringSplitOptions.TrimEntries);
            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                error = $"--gpus: '{entry}' is not a GPU index; give CUDA device indices separated by commas, e.g. --gpus 0,1 (or 0:4,1:4 for four trials on each)";
                return false;
            }

            var count = trialsPerGpu;
            if (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxTrialsPerGpu))
            {
                error = $"--gpus: '{entry}' has a bad trial count; write GPU:TRIALS with 1 to {MaxTrialsPerGpu} trials, e.g. --gpus 0:4";
                return false;
            }

            if (parsed.Contains(index))
            {
                error = $"--gpus: GPU {index} is listed twice; list it once, with its trial count (e.g. {index}:2) to run several trials on it";
                return false;
            }

            parsed.Add(index);
            counts.Add(count);
        }

        gpus = [.. parsed];
        trials = [.. counts];
        return true;
    }
}
