using System.Globalization;

namespace Orchestrator.Silo;

/// <summary>The silo's <c>--gpus</c> value: distinct, non-negative CUDA device indices, comma-separated.</summary>
internal static class GpuIndexList
{
    /// <summary>Parses <paramref name="text"/> (null or blank: no GPUs); on failure <paramref name="error"/> names the bad entry and the fix.</summary>
    public static bool TryParse(string? text, out int[] gpus, out string? error)
    {
        gpus = [];
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parsed = new List<int>();
        foreach (var entry in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                error = $"--gpus: '{entry}' is not a GPU index; give CUDA device indices separated by commas, e.g. --gpus 0,1";
                return false;
            }

            if (parsed.Contains(index))
            {
                error = $"--gpus: GPU {index} is listed twice; each GPU takes one trial at a time, so list it once";
                return false;
            }

            parsed.Add(index);
        }

        gpus = [.. parsed];
        return true;
    }
}
