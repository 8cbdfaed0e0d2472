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
    /// Environment variable giving <c>--gpu-memory-margin</c> when the option is absent, so a silo the CLI starts
    /// (<c>orchestrator local run --gpus …</c>) can admit by memory without a client option of its own.
    /// </summary>
    public const string MemoryMarginVariable = "ORCHESTRATOR_GPU_MEMORY_MARGIN";

    /// <summary>The largest margin, in percent of a trial's peak, that <c>--gpu-memory-margin</c> takes.</summary>
    public const int MaxMemoryMarginPercent = 1000;

    /// <summary>
    /// Parses <c>--gpu-memory-margin PERCENT</c> (else <see cref="MemoryMarginVariable"/>; neither: admission off) into a fraction of a
    /// trial's peak; it needs a GPU list. On failure <paramref name="error"/> names the option and the fix.
    /// </summary>
    public static bool TryParseMemoryMargin(string? text, bool hasGpus, out double? margin, out string? error)
    {
        margin = null;
        error = null;
        var source = "--gpu-memory-margin";
        if (string.IsNullOrWhiteSpace(text))
        {
            text = Environment.GetEnvironmentVariable(MemoryMarginVariable);
            source = MemoryMarginVariable;
            if (string.IsNullOrWhiteSpace(text))
            {
                return true;
            }
        }

        if (!double.TryParse(text.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || !double.IsFinite(percent) || percent is < 0 or > MaxMemoryMarginPercent)
        {
            error = $"{source}: '{text}' is not a margin; give a percentage of a trial's peak GPU memory from 0 to {MaxMemoryMarginPercent}, e.g. 20";
            return false;
        }

        if (!hasGpus)
        {
            error = $"{source}: memory admission is for GPU slots; give --gpus too, or drop the margin";
            return false;
        }

        margin = percent / 100;
        return true;
    }

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
