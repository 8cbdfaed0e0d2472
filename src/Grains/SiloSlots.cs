using Microsoft.Extensions.Options;
using Orchestrator.Training;

namespace Orchestrator.Grains;

/// <summary>
/// The training slots of one silo: a run grain holds one while its epochs run. With <c>--gpus</c> each GPU has
/// as many slots as trials it takes at once (<see cref="OrchestratorOptions.TrialsPerGpu"/>), and a slot says
/// which GPU it is on: a new trial goes to the GPU with the fewest running, so trials spread before they pack.
/// With <see cref="OrchestratorOptions.GpuMemoryMargin"/> a GPU slot is also given only when the trial's peak GPU
/// memory fits (<see cref="SiloSlotAdmission"/>); a trial that does not fit waits for one that ends.
/// </summary>
public sealed class SiloSlots : IDisposable
{
    // Memory freed by other processes is noticed by looking again at least this often.
    private static readonly TimeSpan _recheck = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _slots;
    private readonly int[] _gpus;
    private readonly int[] _capacity;
    private readonly int[] _running;
    private readonly Lock _gate = new();
    private readonly SiloSlotAdmission? _admission;
    private readonly Func<int, GpuMemory> _readMemory;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Sizes the slots from <see cref="OrchestratorOptions.Gpus"/> when set, else <see cref="OrchestratorOptions.Slots"/>.</summary>
    /// <exception cref="ArgumentException">The trial counts do not match the GPUs, or one is below 1.</exception>
    public SiloSlots(IOptions<OrchestratorOptions> options)
        : this(options, null)
    {
    }

    /// <summary>As <see cref="SiloSlots(IOptions{OrchestratorOptions})"/>, reading GPU memory with <paramref name="readMemory"/> (null: the CUDA driver).</summary>
    /// <param name="options">The silo's settings.</param>
    /// <param name="readMemory">Free and total memory of a CUDA device index; throws <see cref="InvalidOperationException"/> when it cannot read.</param>
    public SiloSlots(IOptions<OrchestratorOptions> options, Func<int, GpuMemory>? readMemory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _gpus = [.. settings.Gpus];
        if (settings.TrialsPerGpu.Count > 0 && (settings.TrialsPerGpu.Count != _gpus.Length || settings.TrialsPerGpu.Any(t => t < 1)))
        {
            throw new ArgumentException(
                $"TrialsPerGpu has {settings.TrialsPerGpu.Count} counts for {_gpus.Length} GPUs; give one count ≥ 1 per GPU, or none for one trial each.", nameof(options));
        }

        _capacity = settings.TrialsPerGpu.Count > 0 ? [.. settings.TrialsPerGpu] : [.. _gpus.Select(_ => 1)];
        _running = new int[_gpus.Length];
        Capacity = _gpus.Length > 0 ? _capacity.Sum() : settings.Slots;
        _slots = new SemaphoreSlim(Capacity, Capacity);
        _readMemory = readMemory ?? ReadCudaMemory;
        if (settings.GpuMemoryMargin is { } margin && _gpus.Length > 0)
        {
            _admission = new SiloSlotAdmission(_gpus, _capacity, margin);
        }
    }

    /// <summary>Slots this silo has.</summary>
    public int Capacity { get; }

    /// <summary>Slots free now.</summary>
    public int Free => _slots.CurrentCount;

    /// <summary>Whether GPU slots are given by memory as well as by count.</summary>
    public bool AdmitsByMemory => _admission is not null;

    /// <summary>Trials running now on each GPU, in the order of <see cref="OrchestratorOptions.Gpus"/>.</summary>
    public IReadOnlyList<int> RunningPerGpu
    {
        get
        {
            lock (_gate)
            {
                return _admission is null ? [.. _running] : [.. _admission.Running];
            }
        }
    }

    /// <summary>Waits for a free slot; with GPUs configured, the slot carries its GPU until released.</summary>
    public Task<SiloSlot> AcquireAsync(CancellationToken cancellationToken) => AcquireAsync(SiloSlotRequest.Unknown, cancellationToken);

    /// <summary>
    /// Waits for a free slot for a trial described by <paramref name="request"/>; with memory admission, until its peak fits on a GPU.
    /// </summary>
    /// <exception cref="InvalidOperationException">With memory admission: the trial fits on no GPU and no trial of this silo runs to free memory (the message says how much it needs and has), or GPU memory cannot be read.</exception>
    public async Task<SiloSlot> AcquireAsync(SiloSlotRequest request, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_admission is null)
        {
            return TakeLeastLoaded();
        }

        try
        {
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    var memory = _gpus.Select(_readMemory).ToArray();
                    var choice = _admission.Choose(request, memory);
                    if (choice.Gpu is { } g)
                    {
                        return new SiloSlot(_gpus[g]) { Lease = _admission.Admit(g, request, memory[g]) };
                    }

                    if (choice.Never is { } never)
                    {
                        throw new InvalidOperationException(never);
                    }

                    changed = _changed.Task;
                }

                await Task.WhenAny(changed, Task.Delay(_recheck, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>
    /// Says that <paramref name="slot"/>'s trial finished its first epoch: with memory admission its memory is now in the GPU's
    /// free reading and, if it ran its first epoch alone on its GPU, its peak is measured. Returns that peak in bytes (else null).
    /// </summary>
    public long? FirstEpochDone(SiloSlot slot)
    {
        if (_admission is null || slot is not { Lease: > 0, Gpu: { } gpu })
        {
            return null;
        }

        lock (_gate)
        {
            var peak = _admission.FirstEpochDone(slot.Lease, _readMemory(gpu));
            Signal();
            return peak;
        }
    }

    /// <summary>Gives a slot (and its place on its GPU) back.</summary>
    public void Release(SiloSlot slot)
    {
        if (slot.Gpu is { } gpu)
        {
            lock (_gate)
            {
                if (_admission is not null)
                {
                    _admission.Release(slot.Lease);
                    Signal();
                }
                else
                {
                    var g = Array.IndexOf(_gpus, gpu);
                    if (g < 0 || _running[g] == 0)
                    {
                        throw new InvalidOperationException($"slot on GPU {gpu} released but none is held.");
                    }

                    _running[g]--;
                }
            }
        }

        _slots.Release();
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    private static GpuMemory ReadCudaMemory(int gpu) =>
        CudaMemoryInfo.TryRead(gpu, out var error) ?? throw new InvalidOperationException($"GPU {gpu}'s memory cannot be read for memory admission: {error}");

    /// <summary>Without memory admission: the semaphore admitted us, so some GPU has room: take the least loaded (relative to its share).</summary>
    private SiloSlot TakeLeastLoaded()
    {
        lock (_gate)
        {
            var best = -1;
            for (var g = 0; g < _gpus.Length; g++)
            {
                if (_running[g] < _capacity[g] && (best < 0 || (long)_running[g] * _capacity[best] < (long)_running[best] * _capacity[g]))
                {
                    best = g;
                }
            }

            if (best < 0)
            {
                return new SiloSlot(null);
            }

            _running[best]++;
            return new SiloSlot(_gpus[best]);
        }
    }

    /// <summary>Wakes every waiting trial to look again (under <see cref="_gate"/>).</summary>
    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
