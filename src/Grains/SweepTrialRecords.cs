using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Orchestrator.Grains;

/// <summary>
/// The per-trial records of sweep coordinators, in the cluster's grain storage next to the grains' own state. Each
/// record has its own storage key, <c>sweeptrial/&lt;sweep&gt;/&lt;position&gt;</c> (position: the trial's place in the
/// sweep's order), so the coordinator writes one small record per trial event. The Redis provider keys state by
/// grain id alone (not by state name), which is why records get ids of their own type rather than a second
/// persistent state on the coordinator. Writes and deletes retry transient storage errors (<see cref="StorageRetry"/>).
/// </summary>
public sealed class SweepTrialRecords(IServiceProvider services, ILogger<SweepTrialRecords> logger)
{
    /// <summary>The grain type name of the records' storage ids (seen in Redis keys: <c>orchestrator/state/sweeptrial/…</c>).</summary>
    public const string StorageType = "sweeptrial";

    /// <summary>How many records a coordinator reads or deletes at once.</summary>
    private const int Batch = 256;

    private const string StateName = "trial";

    private IGrainStorage Storage => field ??= services.GetRequiredKeyedService<IGrainStorage>(OrchestratorStorage.Name);

    /// <summary>The storage id of the record at <paramref name="position"/> of <paramref name="sweepId"/>.</summary>
    public static GrainId IdOf(string sweepId, int position) => GrainId.Create(StorageType, $"{sweepId}/{position}");

    /// <summary>Reads the records at positions 0 … <paramref name="count"/> − 1 (a missing one has <c>RecordExists</c> false).</summary>
    public async Task<IReadOnlyList<GrainState<SweepTrialRecord>>> ReadAsync(string sweepId, int count)
    {
        var read = new GrainState<SweepTrialRecord>[count];
        for (var start = 0; start < count; start += Batch)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(Batch, count - start)).Select(async position =>
            {
                var record = new GrainState<SweepTrialRecord>();
                await StorageRetry.RunAsync(() => Storage.ReadStateAsync(StateName, IdOf(sweepId, position), record), () => Task.CompletedTask, logger);
                read[position] = record;
            }));
        }

        return read;
    }

    /// <summary>Writes one record (its ETag is kept in <paramref name="record"/> for the next write).</summary>
    public Task WriteAsync(string sweepId, int position, GrainState<SweepTrialRecord> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = IdOf(sweepId, position);
        return StorageRetry.RunAsync(
            () => Storage.WriteStateAsync(StateName, id, record),
            () => RefreshETagAsync(id, record),
            logger);
    }

    /// <summary>Deletes the records at positions <paramref name="from"/> … <paramref name="to"/> − 1 that exist.</summary>
    public async Task DeleteAsync(string sweepId, int from, int to)
    {
        for (var start = from; start < to; start += Batch)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(Batch, to - start)).Select(async position =>
            {
                var id = IdOf(sweepId, position);
                var record = new GrainState<SweepTrialRecord>();
                await StorageRetry.RunAsync(
                    async () =>
                    {
                        // Clearing needs the stored ETag, and a record that is not there is already deleted.
                        await Storage.ReadStateAsync(StateName, id, record);
                        if (record.RecordExists)
                        {
                            await Storage.ClearStateAsync(StateName, id, record);
                        }
                    },
                    () => Task.CompletedTask,
                    logger);
            }));
        }
    }

    private async Task RefreshETagAsync(GrainId id, GrainState<SweepTrialRecord> record)
    {
        var stored = new GrainState<SweepTrialRecord>();
        await Storage.ReadStateAsync(StateName, id, stored);
        record.ETag = stored.ETag;
        record.RecordExists = stored.RecordExists;
    }
}
