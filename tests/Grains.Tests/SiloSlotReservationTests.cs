using Microsoft.Extensions.Options;

namespace Orchestrator.Grains.Tests;

/// <summary>The reservations placement makes on a silo's slots (<see cref="SiloSlots.TryReserve"/>).</summary>
public sealed class SiloSlotReservationTests
{
    [Fact]
    public async Task A_reserved_slot_is_not_offered_again_and_the_run_that_acquires_it_takes_the_reservation()
    {
        using var slots = new SiloSlots(Options.Create(new OrchestratorOptions { Slots = 1 }));
        Assert.Equal(1, slots.Available);
        Assert.True(slots.TryReserve());
        Assert.Equal(0, slots.Available);
        Assert.False(slots.TryReserve());

        var slot = await slots.AcquireAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, slots.Available);
        slots.Release(slot);
        Assert.Equal(1, slots.Available);
    }

    [Fact]
    public async Task A_trial_waiting_for_a_slot_makes_the_silo_less_available_than_zero()
    {
        using var slots = new SiloSlots(Options.Create(new OrchestratorOptions { Slots = 1 }));
        var held = await slots.AcquireAsync(TestContext.Current.CancellationToken);
        slots.Reserve();
        var waiting = slots.AcquireAsync(TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(-1, slots.Available);
        slots.Release(held);
        slots.Release(await waiting);
        Assert.Equal(1, slots.Available);
    }
}
