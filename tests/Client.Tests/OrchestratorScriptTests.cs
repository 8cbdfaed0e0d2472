using System.Diagnostics;

namespace Orchestrator.Client.Tests;

/// <summary>
/// The <c>./orchestrator</c> script's first use: the steps it shows. The real bootstrap runs; <c>dotnet</c> is
/// replaced on PATH by a recorder because a real first build takes minutes and a gigabyte, which is what the
/// script is about to tell the user, not what this test is about. The build itself is exercised by every
/// other CLI test and by CI's `./orchestrator local run`.
/// </summary>
public sealed class OrchestratorScriptTests : IDisposable
{
    private const string Recorder = """
        #!/usr/bin/env bash
        echo "$*" >> "$RECORDED"
        case "$1" in
          --version) echo 10.0.100 ;;
          build)
            out=""; prev=""
            for a in "$@"; do [ "$prev" = "-o" ] && out=$a; prev=$a; done
            mkdir -p "$out"
            case "$2" in *Client*) touch "$out/orchestrator.dll" ;; *) touch "$out/orchestrator-silo.dll" ;; esac ;;
          restore) ;;
          *.dll) shift; echo "cli: $*" ;;
        esac
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-script-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);


    private async Task<CliResult> RunScript(params string[] args)
    {
        var bin = Path.Combine(_directory, "bin");
        Directory.CreateDirectory(bin);
        var dotnet = Path.Combine(bin, "dotnet");
        File.WriteAllText(dotnet, Recorder.Replace("\r", string.Empty, StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var start = new ProcessStartInfo("bash");
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Find(), "orchestrator"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["ORCHESTRATOR_BUILD_DIR"] = Path.Combine(_directory, "build");
        start.Environment["RECORDED"] = Path.Combine(_directory, "dotnet.calls");
        return await CliFixture.RunToEnd(start);
    }

    [Fact]
    public async Task First_use_shows_bootstrap_restore_and_build_as_numbered_steps_with_rough_and_actual_durations()
    {
        var first = await RunScript("--version");
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("first use: 3 steps, about 2–3 minutes", first.Stderr, StringComparison.Ordinal);
        var steps = first.Stderr.Split('\n').Where(l => l.Contains("orchestrator: step", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["step 1/3: bootstrap", "step 1/3 done in", "step 2/3: restore NuGet packages (about 30 s", "step 2/3 done in", "step 3/3: build the CLI and the worker in Release (about 1–2 minutes", "step 3/3 done in"],
            steps.Select(l => l["orchestrator: ".Length..]).Select((l, i) => l[..Math.Min(l.Length, new[] { 19, 16, 44, 16, 68, 16 }[i])]));
        Assert.Equal("cli: --version\n", first.Stdout);

        // Built now: the next run starts the CLI at once, with no steps.
        var second = await RunScript("--version");
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("step", second.Stderr, StringComparison.Ordinal);
    }
}
