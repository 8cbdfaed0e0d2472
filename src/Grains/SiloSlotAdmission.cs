using System.Globalization;
using Orchestrator.Training;

namespace Orchestrator.Grains;

/// <summary>
/// Memory-aware admission of trials to GPU slots: a slot is given only when the trial's peak GPU memory, plus a safety
/// margin, fits in what the GPU has free. Pure bookkeeping (the caller reads the memory and locks); <see cref="SiloSlots"/> uses it.
/// </summary>
/// <remarks>
/// <para>A trial's peak is what it declared, else the largest peak measured for its shape (<see cref="SiloSlotRequest.Shape"/>),
/// else unknown. A trial is measured over its first epoch: the GPU's free memory when its slot was given minus the free memory
/// after its first epoch. libtorch's caching allocator keeps the blocks an epoch used, so that drop is the trial's peak
/// reserved memory (for the first trial in a process on a GPU it includes the CUDA context: conservative).</para>
/// <para>Until a trial has finished its first epoch its memory is not yet visible in the free reading, so its peak is
/// reserved against the GPU. A trial of unknown peak is admitted only onto a GPU with no other trial in its first epoch,
/// and while it is in its first epoch that GPU takes no other trial: so its measurement is its own and nothing is
/// admitted against memory it is about to take.</para>
/// </remarks>
public sealed class SiloSlotAdmission
{
    private readonly int[] _gpus;
    private readonly int[] _capacity;
    private readonly int[] _running;
    private readonly Dictionary<long, Lease> _leases = [];
    private readonly Dictionary<string, long> _measured = new(StringComparer.Ordinal);
    private long _nextLease;

    /// <summary>Admission over <paramref name="gpus"/> with <paramref name="capacity"/> slots each, keeping <paramref name="margin"/> × peak spare.</summary>
    /// <param name="gpus">The CUDA device indices (for messages); everything else refers to GPUs by their position here.</param>
    /// <param name="capacity">Trials each GPU takes at most, by position.</param>
    /// <param name="margin">The safety margin as a fraction of the peak (0.2: a trial needs 1.2 × its peak free).</param>
    public SiloSlotAdmission(IReadOnlyList<int> gpus, IReadOnlyList<int> capacity, double margin)
    {
        ArgumentNullException.ThrowIfNull(gpus);
        ArgumentNullException.ThrowIfNull(capacity);
        if (capacity.Count != gpus.Count || capacity.Any(c => c < 1))
        {
            throw new ArgumentException($"{capacity.Count} slot counts for {gpus.Count} GPUs; give one count ≥ 1 per GPU.", nameof(capacity));
        }

        if (!double.IsFinite(margin) || margin < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "the margin is a fraction ≥ 0 of a trial's peak.");
        }

        _gpus = [.. gpus];
        _capacity = [.. capacity];
        _running = new int[_capacity.Length];
        Margin = margin;
    }

    /// <summary>The safety margin, a fraction of a trial's peak.</summary>
    public double Margin { get; }

    /// <summary>Trials holding a slot on each GPU.</summary>
    public IReadOnlyList<int> Running => _running;

    /// <summary>The largest peak measured for <paramref name="shape"/>, if any.</summary>
    public long? MeasuredPeak(string shape) => _measured.TryGetValue(shape, out var peak) ? peak : null;

    /// <summary>The peak admission counts for <paramref name="request"/>: declared, else measured for its shape, else null.</summary>
    public long? PeakOf(SiloSlotRequest request) => request.DeclaredBytes ?? MeasuredPeak(request.Shape);

    /// <summary>Where <paramref name="request"/> may go now, given each GPU's memory (by position); see <see cref="SlotChoice"/>.</summary>
    public SlotChoice Choose(SiloSlotRequest request, IReadOnlyList<GpuMemory> memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (memory.Count != _capacity.Length)
        {
            throw new ArgumentException($"{memory.Count} memory readings for {_capacity.Length} GPUs.", nameof(memory));
        }

        var peak = PeakOf(request);
        var best = -1;
        for (var g = 0; g < _capacity.Length; g++)
        {
            if (Fits(g, peak, memory[g]) && (best < 0 || Better(g, best, memory)))
            {
                best = g;
            }
        }

        if (best >= 0)
        {
            return new SlotChoice(best, null);
        }

        // Nothing fits now. A trial of ours that ends (or finishes its first epoch) may change that; with none running, nothing will.
        return _leases.Count > 0 ? new SlotChoice(null, null) : new SlotChoice(null, NeverFits(peak, memory));
    }

    /// <summary>Gives <paramref name="request"/> a slot on GPU <paramref name="gpu"/> (as <see cref="Choose"/> chose) with the GPU's memory now; returns the lease.</summary>
    public long Admit(int gpu, SiloSlotRequest request, GpuMemory memory)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gpu);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(gpu, _capacity.Length);
        var alone = true;
        foreach (var other in _leases.Values.Where(l => l.Gpu == gpu && l.InFirstEpoch))
        {
            // Two first epochs at once on one GPU: neither drop in free memory is one trial's own.
            other.Clean = false;
            alone = false;
        }

        var lease = ++_nextLease;
        _leases[lease] = new Lease(gpu, request.Shape, PeakOf(request), memory.FreeBytes) { Clean = alone };
        _running[gpu]++;
        return lease;
    }

    /// <summary>
    /// Marks <paramref name="lease"/>'s first epoch done with its GPU's memory now: its memory is visible in the free reading from
    /// here on. Returns the measured peak, or null when another trial's first epoch overlapped it (then nothing is learned).
    /// </summary>
    public long? FirstEpochDone(long lease, GpuMemory memory)
    {
        if (!_leases.TryGetValue(lease, out var held) || !held.InFirstEpoch)
        {
            return null;
        }

        held.InFirstEpoch = false;
        if (!held.Clean)
        {
            return null;
        }

        var peak = Math.Max(0, held.FreeAtAdmission - memory.FreeBytes);
        _measured[held.Shape] = Math.Max(peak, MeasuredPeak(held.Shape) ?? 0);
        return peak;
    }

    /// <summary>Gives <paramref name="lease"/>'s slot back.</summary>
    /// <exception cref="InvalidOperationException">The lease is not held.</exception>
    public void Release(long lease)
    {
        if (!_leases.Remove(lease, out var held))
        {
            throw new InvalidOperationException($"lease {lease} released but not held.");
        }

        _running[held.Gpu]--;
    }

    private static string MiB(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0", CultureInfo.InvariantCulture) + " MiB";

    private bool Fits(int g, long? peak, GpuMemory memory)
    {
        if (_running[g] >= _capacity[g])
        {
            return false;
        }

        var firstEpochs = _leases.Values.Where(l => l.Gpu == g && l.InFirstEpoch).ToArray();
        if (firstEpochs.Any(l => l.Peak is null))
        {
            // A trial of unknown peak is still growing here: nothing is admitted against memory it is about to take.
            return false;
        }

        if (peak is null)
        {
            // Measured alone, and with at least the margin's share of the device free.
            return firstEpochs.Length == 0 && memory.FreeBytes >= Margin * memory.TotalBytes;
        }

        var reserved = firstEpochs.Sum(l => l.Peak!.Value);
        return memory.FreeBytes - reserved >= Needed(peak.Value);
    }

    private long Needed(long peak) => (long)Math.Ceiling(peak * (1 + Margin));

    /// <summary>Spread before packing (fewest running relative to capacity), then the most free memory.</summary>
    private bool Better(int g, int best, IReadOnlyList<GpuMemory> memory)
    {
        var load = (long)_running[g] * _capacity[best];
        var bestLoad = (long)_running[best] * _capacity[g];
        return load != bestLoad ? load < bestLoad : memory[g].FreeBytes > memory[best].FreeBytes;
    }

    private string NeverFits(long? peak, IReadOnlyList<GpuMemory> memory)
    {
        var most = memory.Select((m, g) => (m, g)).MaxBy(x => x.m.FreeBytes);
        var need = peak is { } p
            ? $"the trial needs {MiB(Needed(p))} ({MiB(p)} peak + {Margin:P0} margin)"
            : $"a trial of unmeasured peak needs {Margin:P0} of a GPU free";
        return $"{need}, but GPU {_gpus[most.g]} has {MiB(most.m.FreeBytes)} of {MiB(most.m.TotalBytes)} free (the most of this silo's GPUs) and no trial of this silo runs to free more; " +
            "free the GPU, lower the silo's --gpu-memory-margin, or declare a smaller peak.";
    }

    private sealed class Lease(int gpu, string shape, long? peak, long freeAtAdmission)
    {
        public int Gpu { get; } = gpu;

        public string Shape { get; } = shape;

        public long? Peak { get; } = peak;

        public long FreeAtAdmission { get; } = freeAtAdmission;

        public bool InFirstEpoch { get; set; } = true;

        public bool Clean { get; set; }
    }
}

/// <summary>The outcome of <see cref="SiloSlotAdmission.Choose"/>.</summary>
/// <param name="Gpu">The GPU (by position) to admit the trial to; null when none fits now.</param>
/// <param name="Never">When nothing fits and nothing running can change that: why, and the fix. Null while waiting can help.</param>
public readonly record struct SlotChoice(int? Gpu, string? Never);
