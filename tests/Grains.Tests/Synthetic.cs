using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Grains.Tests;

/// <summary>Tiny sweeps on the training engine's generated dataset.</summary>
internal static class Synthetic
{
    public const string Dataset = "synthetic";
    public const string Model = "mlp-small";

    public static SweepDefinition Sweep(string name, string extra)
    {
        // A sweep file may give a key once, so a probeSize in extra replaces the default instead of repeating it.
        var probe = extra.Contains("\"probeSize\"", StringComparison.Ordinal) ? string.Empty : "\"probeSize\": 32, ";
        var json = $$"""{ "name": "{{name}}", "dataset": "{{Dataset}}", "model": "{{Model}}", {{probe}}"fractions": [1.0], {{extra}} }""";
        var result = SweepFile.Parse(json);
        return result.Definition ?? throw new InvalidOperationException(string.Join("; ", result.Errors));
    }

    public static async Task<SweepStatus> WaitAsync(IClusterClient client, string sweepId, Func<SweepStatus, bool> until, TimeSpan timeout)
    {
        var coordinator = client.GetGrain<ISweepCoordinatorGrain>(sweepId);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await coordinator.GetStatus();
            if (until(status))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"sweep {sweepId} did not get there in {timeout}: {string.Join(", ", status.Trials.Select(t => $"{t.Spec.Id}={t.State}@{t.EpochsRun} {t.Reason}"))}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Submits, and submits again when the answer timed out (a loaded machine: the silo's preflight loads data and a
    /// model): resubmitting the same sweep is idempotent.
    /// </summary>
    public static async Task SubmitPatientlyAsync(IClusterClient client, string sweepId, SweepDefinition sweep)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.GetGrain<ISweepCoordinatorGrain>(sweepId).Submit(sweep);
                return;
            }
            catch (TimeoutException) when (attempt < 6)
            {
            }
        }
    }

    public static bool Done(SweepStatus status) => status.Trials.Length > 0 && status.Trials.All(t => t.State.IsFinal()) && status.FinishedAt is not null;
}
