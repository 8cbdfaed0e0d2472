using Microsoft.Extensions.Options;

namespace Orchestrator.Grains.Tests;

/// <summary>A silo's slots: CPU slots carry no GPU; with --gpus each running trial owns a distinct GPU.</summary>
public sealed class SiloSlotsTests
{
    [Fact]
    public async Task Cpu_slots_carry_no_gpu_and_bound_the_trials_at_once()
    {
        using var slots = new SiloSlots(Options.Create(new OrchestratorOptions { Slots = 2 }));
        var a = await slots.AcquireAsync(TestContext.Current.CancellationToken);
        var b = await slots.AcquireAsync(TestContext.Current.CancellationToken);

        Assert.Equal((2, 0), (slots.Capacity, slots.Free));
        Assert.Null(a.Gpu);
        Assert.Null(b.Gpu);
        var third = slots.AcquireAsync(TestContext.Current.CancellationToken);
        Assert.False(third.IsCompleted);
        slots.Release(a);
        Assert.Null((await third.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).Gpu);
    }

    [Fact]
    public async Task With_gpus_each_held_slot_owns_a_different_gpu_and_a_released_gpu_is_handed_out_again()
    {
        using var slots = new SiloSlots(Options.Create(new OrchestratorOptions { Slots = 8, Gpus = [2, 5, 7] }));
        var held = new List<SiloSlot>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await slots.AcquireAsync(TestContext.Current.CancellationToken));
        }

        Assert.Equal(3, slots.Capacity);
        Assert.Equal([2, 5, 7], held.Select(s => s.Gpu!.Value).Order());
        var waiting = slots.AcquireAsync(TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        var released = held.Single(s => s.Gpu == 5);
        slots.Release(released);
        var next = await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal(5, next.Gpu);
        Assert.Equal(0, slots.Free);
    }

    [Fact]
    public async Task Many_trials_racing_for_gpus_never_share_one()
    {
        using var slots = new SiloSlots(Options.Create(new OrchestratorOptions { Gpus = [0, 1, 2, 3] }));
        var inUse = new int[4];
        var clashes = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), TestContext.Current.CancellationToken, async (_, ct) =>
        {
            var slot = await slots.AcquireAsync(ct);
            if (Interlocked.Increment(ref inUse[slot.Gpu!.Value]) != 1)
            {
                Interlocked.Increment(ref clashes);
            }

            await Task.Yield();
            Interlocked.Decrement(ref inUse[slot.Gpu.Value]);
            slots.Release(slot);
        });

        Assert.Equal(0, clashes);
        Assert.Equal(4, slots.Free);
    }

    [Fact]
    public async Task Packed_gpus_spread_trials_before_they_stack_them_and_never_exceed_a_gpus_share()
    {
        using var slots = new SiloSlots(Options.Create(new OrchestratorOptions { Gpus = [0, 1], TrialsPerGpu = [4, 4] }));
        var held = new List<SiloSlot>();
        for (var i = 0; i < 2; i++)
        {
            held.Add(await slots.AcquireAsync(TestContext.Current.CancellationToken));
        }

        Assert.Equal(8, slots.Capacity);
        Assert.Equal([0, 1], held.Select(s => s.Gpu!.Value).Order());
        for (var i = 0; i < 6; i++)
        {
            held.Add(await slots.AcquireAsync(TestContext.Current.CancellationToken));
        }

        Assert.Equal([4, 4], slots.RunningPerGpu);
        var waiting = slots.AcquireAsync(TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);
        slots.Release(held.First(s => s.Gpu == 1));
        Assert.Equal(1, (await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).Gpu);
    }

    [Fact]
    public async Task Unequal_shares_fill_in_proportion()
    {
        using var slots = new SiloSlots(Options.Create(new OrchestratorOptions { Gpus = [3, 7], TrialsPerGpu = [1, 3] }));
        for (var i = 0; i < 4; i++)
        {
            await slots.AcquireAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal([1, 3], slots.RunningPerGpu);
        Assert.Equal(0, slots.Free);
    }

    [Fact]
    public async Task Many_trials_racing_for_packed_gpus_never_exceed_any_gpus_share()
    {
        using var slots = new SiloSlots(Options.Create(new OrchestratorOptions { Gpus = [0, 1, 2], TrialsPerGpu = [2, 3, 1] }));
        int[] share = [2, 3, 1];
        var inUse = new int[3];
        var over = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 300), TestContext.Current.CancellationToken, async (_, ct) =>
        {
            var slot = await slots.AcquireAsync(ct);
            if (Interlocked.Increment(ref inUse[slot.Gpu!.Value]) > share[slot.Gpu.Value])
            {
                Interlocked.Increment(ref over);
            }

            await Task.Yield();
            Interlocked.Decrement(ref inUse[slot.Gpu.Value]);
            slots.Release(slot);
        });

        Assert.Equal(0, over);
        Assert.Equal(6, slots.Free);
        Assert.Equal([0, 0, 0], slots.RunningPerGpu);
    }

    [Fact]
    public void Trial_counts_that_do_not_match_the_gpus_are_refused_with_the_fix()
    {
        var error = Assert.Throws<ArgumentException>(() => new SiloSlots(Options.Create(new OrchestratorOptions { Gpus = [0, 1], TrialsPerGpu = [2] })));
        Assert.Contains("one count ≥ 1 per GPU", error.Message, StringComparison.Ordinal);
    }
}
