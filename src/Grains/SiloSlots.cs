using Microsoft.Extensions.Options;

namespace Orchestrator.Grains;

/// <summary>
/// The training slots of one silo: a run grain holds one while its epochs run. With <c>--gpus</c> each GPU has
/// as many slots as trials it takes at once (<see cref="OrchestratorOptions.TrialsPerGpu"/>), and a slot says
/// which GPU it is on: a new trial goes to the GPU with the fewest running, so trials spread before they pack.
/// </summary>
public sealed class SiloSlots : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int[] _gpus;
    private readonly int[] _capacity;
    private readonly int[] _running;
    private readonly Lock _gate = new();

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
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
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
}
