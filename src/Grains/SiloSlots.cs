using Microsoft.Extensions.Options;

namespace Orchestrator.Grains;

/// <summary>
/// The training slots of one silo: a run grain holds one while its epochs run. With <c>--gpus</c> each GPU has
/// as many slots as trials it takes at once (<see cref="OrchestratorOptions.TrialsPerGpu"/>), and a slot says
/// which GPU it is on: a new trial goes to the GPU with the fewest running, so trials spread before they pack.
/// Placement (<see cref="FreeSlotPlacementDirector"/>) reserves a slot here before it activates a run grain on this
/// silo, so two trials placed at once do not both count the same free slot; the run grain's
/// <see cref="AcquireAsync"/> takes the reservation, and one never taken expires after <see cref="ReservationLifetime"/>.
/// </summary>
public sealed class SiloSlots : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int[] _gpus;
    private readonly int[] _capacity;
    private readonly int[] _running;
    private readonly Lock _gate = new();
    private readonly Queue<DateTime> _reservations = new();
    private int _waiting;

    /// <summary>How long a placement's reservation holds a slot for a run grain that has not asked for it yet.</summary>
    public static readonly TimeSpan ReservationLifetime = TimeSpan.FromSeconds(15);

    /// <summary>Sizes the slots from <see cref="OrchestratorOptions.Gpus"/> when set, else <see cref="OrchestratorOptions.Slots"/>.</summary>
    /// <exception cref="ArgumentException">The trial counts do not match the GPUs, or one is below 1.</exception>
    public SiloSlots(IOptions<OrchestratorOptions> options)
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
    }

    /// <summary>Slots this silo has.</summary>
    public int Capacity { get; }

    /// <summary>Slots free now.</summary>
    public int Free => _slots.CurrentCount;

    /// <summary>
    /// Slots a new trial would find free: free slots less the trials waiting for one and the reservations not yet
    /// taken. Negative when trials queue here.
    /// </summary>
    public int Available
    {
        get
        {
            lock (_gate)
            {
                return AvailableLocked();
            }
        }
    }

    /// <summary>Reserves a slot for a trial being placed here when one is available; false when none is.</summary>
    public bool TryReserve()
    {
        lock (_gate)
        {
            if (AvailableLocked() <= 0)
            {
                return false;
            }

            _reservations.Enqueue(DateTime.UtcNow + ReservationLifetime);
            return true;
        }
    }

    /// <summary>Reserves a slot even when none is available: no silo had one, and the trial queues here.</summary>
    public void Reserve()
    {
        lock (_gate)
        {
            _reservations.Enqueue(DateTime.UtcNow + ReservationLifetime);
        }
    }

    /// <summary>Trials running now on each GPU, in the order of <see cref="OrchestratorOptions.Gpus"/>.</summary>
    public IReadOnlyList<int> RunningPerGpu
    {
        get
        {
            lock (_gate)
            {
                return [.. _running];
            }
        }
    }

    /// <summary>Waits for a free slot; with GPUs configured, the slot carries its GPU until released.</summary>
    public async Task<SiloSlot> AcquireAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // This trial's placement reserved a slot (or one of them did; which one does not matter for the count).
            _reservations.TryDequeue(out _);
            _waiting++;
        }

        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _waiting--;
            }
        }

        lock (_gate)
        {
            // The semaphore admitted us, so some GPU has room: take the least loaded (relative to its share).
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

    /// <summary>Gives a slot (and its place on its GPU) back.</summary>
    public void Release(SiloSlot slot)
    {
        if (slot.Gpu is { } gpu)
        {
            lock (_gate)
            {
                var g = Array.IndexOf(_gpus, gpu);
                if (g < 0 || _running[g] == 0)
                {
                    throw new InvalidOperationException($"slot on GPU {gpu} released but none is held.");
                }

                _running[g]--;
            }
        }

        _slots.Release();
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    private int AvailableLocked()
    {
        while (_reservations.TryPeek(out var expires) && expires < DateTime.UtcNow)
        {
            _reservations.Dequeue();
        }

        return _slots.CurrentCount - _waiting - _reservations.Count;
    }
}
