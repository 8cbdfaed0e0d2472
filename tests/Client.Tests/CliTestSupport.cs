using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Orchestrator.Client.Tests;

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the CLI in-process and makes scratch directories and fixtures.</summary>
internal sealed class CliFixture : IDisposable
{
    public CliFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("orchestrator-cli-tests-").FullName;
    }

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>The worker dll of the same configuration as this test assembly (built, not referenced, by this project).</summary>
    public static string BuiltWorker() => RepositoryRoot.BuiltWorker();

    /// <summary>The real built <c>orchestrator</c> program with <paramref name="args"/> (the exit code scripts see).</summary>
    public static ProcessStartInfo CliProcess(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>Runs <paramref name="start"/> to its end and returns its exit code and both outputs.</summary>
    public static async Task<CliResult> RunToEnd(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public static async Task<CliResult> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApplication.RunAsync(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    public string WriteCsv(string name, double[,] values)
    {
        var text = new StringBuilder();
        for (var r = 0; r < values.GetLength(0); r++)
        {
            text.AppendJoin(',', Enumerable.Range(0, values.GetLength(1)).Select(c => values[r, c].ToString("R", CultureInfo.InvariantCulture)));
            text.Append('\n');
        }

        return WriteText(name, text.ToString());
    }

    public string WriteText(string name, string text)
    {
        var path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The files in the scratch directory, temporary ones included.</summary>
    public string[] Files() => [.. System.IO.Directory.GetFiles(Directory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    public static double[,] RandomSymmetric(Random random, int n)
    {
        var w = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                w[i, j] = w[j, i] = Math.Round(random.NextDouble(), 3);
            }
        }

        return w;
    }

    public static float[] UpperTriangle(double[,] w)
    {
        var n = w.GetLength(0);
        var upper = new List<float>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                upper.Add(double.IsNaN(w[i, j]) ? 0f : (float)w[i, j]);
            }
        }

        return [.. upper];
    }
}
