using System.Diagnostics;
using System.Text.Json;

namespace Orchestrator.Topology.Bench;

/// <summary>
/// Runs the scipy decomposition path (<c>scipy_decompose.py</c>) with Debian's <c>/usr/bin/python3</c>
/// on the same matrices, written as .npy files; the timing is taken inside Python.
/// </summary>
internal static class ScipyReference
{
    public const string Python = "/usr/bin/python3";

    public sealed record Result(double MedianMilliseconds, int Births, int Deaths, double Total0, double Total1, double W0, double W1);

    public static bool IsAvailable(out string reason)
    {
        if (!File.Exists(Python))
        {
            reason = $"{Python} not found (install Debian's python3-scipy: scripts/bootstrap.sh --with bench)";
            return false;
        }

        var probe = Execute("-c \"import scipy.sparse.csgraph\"", out var error);
        reason = probe == 0 ? string.Empty : $"{Python} cannot import scipy ({error.Trim()}); install Debian's python3-scipy";
        return probe == 0;
    }

    public static Result Decompose(float[] matrix, float[] other, int n, int warmups, int repetitions)
    {
        var directory = Directory.CreateTempSubdirectory("orchestrator-bench-");
        try
        {
            var w = Path.Combine(directory.FullName, "w.npy");
            var o = Path.Combine(directory.FullName, "other.npy");
            NpyFile.WriteFloat32(w, matrix, n, n);
            NpyFile.WriteFloat32(o, other, n, n);
            var script = Path.Combine(AppContext.BaseDirectory, "scipy_decompose.py");
            var output = new System.Text.StringBuilder();
            var code = Execute($"\"{script}\" \"{w}\" \"{o}\" {warmups} {repetitions}", out var error, output);
            if (code != 0)
            {
                throw new InvalidOperationException($"scipy reference failed (exit {code}): {error}");
            }

            using var json = JsonDocument.Parse(output.ToString());
            var root = json.RootElement;
            return new Result(
                root.GetProperty("median_ms").GetDouble(),
                root.GetProperty("births").GetInt32(),
                root.GetProperty("deaths").GetInt32(),
                root.GetProperty("total0").GetDouble(),
                root.GetProperty("total1").GetDouble(),
                root.GetProperty("w0").GetDouble(),
                root.GetProperty("w1").GetDouble());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static int Execute(string arguments, out string error, System.Text.StringBuilder? output = null)
    {
        var start = new ProcessStartInfo(Python, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        error = stderr.Result;
        output?.Append(stdout);
        return process.ExitCode;
    }
}
