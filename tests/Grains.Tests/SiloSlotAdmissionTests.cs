using Microsoft.Extensions.Options;
using Orchestrator.Training;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// Memory-aware admission to GPU slots: a trial gets a GPU only when its peak (declared, or measured in a first epoch of its
/// shape) plus the margin is free there. The GPU memory readings are given numbers: there is no GPU on the test machines, and the
/// decision is a function of them (the CUDA driver read is <see cref="CudaMemoryInfo"/>, tested for its refusal without a driver).
/// </summary>
public sealed class SiloSlotAdmissionTests
{
    private const long MiB = 1024 * 1024;
    private const long Total = 1000 * MiB;

    private static readonly SiloSlotRequest _mlp = new("fashion-mnist|0.1|mlp-fashion");

    private static GpuMemory Free(long mib) => new(mib * MiB, Total);

    [Fact]
    public void A_declared_peak_is_admitted_only_where_peak_times_one_plus_margin_is_free()
    {
        var admission = new SiloSlotAdmission([0, 1], [4, 4], margin: 0.25);
        var request = _mlp with { DeclaredBytes = 400 * MiB };

        // 400 MiB × 1.25 = 500 MiB: GPU 0 has 499 free, GPU 1 has 500.
        Assert.Equal(1, admission.Choose(request, [Free(499), Free(500)]).Gpu);
        var none = admission.Choose(request, [Free(499), Free(499)]);
        Assert.Null(none.Gpu);
        Assert.Contains("needs 500 MiB (400 MiB peak + 25 % margin)", none.Never, StringComparison.Ordinal);
        Assert.Contains("GPU 0 has 499 MiB of 1000 MiB free", none.Never, StringComparison.Ordinal);
    }

    [Fact]
    public void First_epochs_in_progress_reserve_their_peak_until_their_memory_shows_in_the_free_reading()
    {
        var admission = new SiloSlotAdmission([0], [8], margin: 0);
        var request = _mlp with { DeclaredBytes = 300 * MiB };
        var first = admission.Admit(0, request, Free(1000));
        admission.Admit(0, request, Free(1000));

        // Neither has taken its 300 MiB yet (1000 still free), but both are promised: 1000 − 600 fits one more, not two.
        Assert.Equal(0, admission.Choose(request, [Free(1000)]).Gpu);
        admission.Admit(0, request, Free(1000));
        Assert.Null(admission.Choose(request, [Free(1000)]).Gpu);

        // The first took only 100 MiB: once its first epoch is done the reading shows that, and its promise is dropped.
        admission.FirstEpochDone(first, Free(900));
        Assert.Equal(0, admission.Choose(request, [Free(900)]).Gpu);
        Assert.Null(admission.Choose(request, [Free(899)]).Gpu);
    }

    [Fact]
    public void An_unmeasured_trial_runs_its_first_epoch_alone_and_its_measured_peak_admits_the_rest_of_its_shape_at_once()
    {
        var admission = new SiloSlotAdmission([0], [8], margin: 0.5);
        Assert.Null(admission.PeakOf(_mlp));
        var first = admission.Admit(0, _mlp, Free(1000));

        // Until its first epoch ends nobody joins it: its growth is unknown, and a second first epoch would blur its measurement.
        Assert.Null(admission.Choose(_mlp, [Free(1000)]).Gpu);
        Assert.Null(admission.Choose(_mlp with { DeclaredBytes = MiB }, [Free(1000)]).Gpu);
        Assert.Null(admission.Choose(_mlp, [Free(1000)]).Never);

        Assert.Equal(200 * MiB, admission.FirstEpochDone(first, Free(800)));
        Assert.Equal(200 * MiB, admission.MeasuredPeak(_mlp.Shape));

        // Now each of its shape needs 200 MiB × 1.5 = 300 MiB beside the 200 MiB promised to each one still starting.
        admission.Admit(0, _mlp, Free(800));
        admission.Admit(0, _mlp, Free(800));
        Assert.Equal(0, admission.Choose(_mlp, [Free(800)]).Gpu);
        admission.Admit(0, _mlp, Free(800));
        Assert.Null(admission.Choose(_mlp, [Free(800)]).Gpu);

        // Another shape is still unknown: it waits for a GPU with no first epoch running.
        Assert.Null(admission.Choose(new SiloSlotRequest("cifar10|1|vgg-small"), [Free(800)]).Gpu);
    }

    [Fact]
    public void Overlapping_first_epochs_learn_nothing_and_the_largest_clean_measurement_is_kept()
    {
        var admission = new SiloSlotAdmission([0], [8], margin: 0);
        var declared = _mlp with { DeclaredBytes = 100 * MiB };
        var a = admission.Admit(0, declared, Free(1000));
        var b = admission.Admit(0, declared, Free(1000));
        Assert.Null(admission.FirstEpochDone(a, Free(850)));
        Assert.Null(admission.FirstEpochDone(b, Free(700)));
        Assert.Null(admission.MeasuredPeak(_mlp.Shape));

        var c = admission.Admit(0, _mlp, Free(700));
        Assert.Equal(120 * MiB, admission.FirstEpochDone(c, Free(580)));
        var d = admission.Admit(0, _mlp, Free(580));
        Assert.Equal(90 * MiB, admission.FirstEpochDone(d, Free(490)));
        Assert.Equal(120 * MiB, admission.MeasuredPeak(_mlp.Shape));
    }

    [Fact]
    public void Slot_counts_still_bound_each_gpu_and_trials_spread_before_they_pack()
    {
        var admission = new SiloSlotAdmission([3, 7], [1, 2], margin: 0);
        var small = _mlp with { DeclaredBytes = MiB };
        var memory = new[] { Free(1000), Free(900) };

        var first = admission.Choose(small, memory).Gpu!.Value;
        admission.Admit(first, small, memory[first]);
        Assert.Equal(0, first);
        admission.Admit(1, small, memory[1]);
        Assert.Equal(1, admission.Choose(small, memory).Gpu);
        admission.Admit(1, small, memory[1]);
        Assert.Equal([1, 2], admission.Running);

        var full = admission.Choose(small, memory);
        Assert.Equal((null, null), (full.Gpu, full.Never));
    }

    [Fact]
    public void A_trial_that_fits_nowhere_with_nothing_running_is_refused_with_what_it_needs_and_the_fix()
    {
        var admission = new SiloSlotAdmission([0], [4], margin: 0.2);

        var declared = admission.Choose(_mlp with { DeclaredBytes = 900 * MiB }, [Free(1000)]);
        var unknown = admission.Choose(_mlp, [Free(100)]);

        Assert.Contains("needs 1080 MiB", declared.Never, StringComparison.Ordinal);
        Assert.Contains("--gpu-memory-margin", declared.Never, StringComparison.Ordinal);
        Assert.Contains("unmeasured peak needs 20 % of a GPU free", unknown.Never, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_slots_with_a_margin_wait_for_memory_and_a_first_epoch_opens_the_gpu_to_the_next_trial()
    {
        var free = 1000L;
        using var slots = new SiloSlots(
            Options.Create(new OrchestratorOptions { Gpus = [0], TrialsPerGpu = [4], GpuMemoryMargin = 0.1 }),
            _ => Free(Volatile.Read(ref free)));
        var ct = TestContext.Current.CancellationToken;

        var first = await slots.AcquireAsync(_mlp, ct);
        var second = slots.AcquireAsync(_mlp, ct);
        Assert.True(slots.AdmitsByMemory);
        Assert.False(second.IsCompleted);

        // The first trial took 300 MiB in its first epoch: 700 free ≥ 330 needed, so the second starts.
        Volatile.Write(ref free, 700);
        Assert.Equal(300 * MiB, slots.FirstEpochDone(first));
        var started = await second.WaitAsync(TimeSpan.FromSeconds(5), ct);
        Assert.Equal(0, started.Gpu);
        Assert.Equal([2], slots.RunningPerGpu);

        // Two first epochs' worth promised (the second's 300 MiB) leaves 700 − 300 = 400 ≥ 330: a third starts; a fourth waits.
        var third = await slots.AcquireAsync(_mlp, ct).WaitAsync(TimeSpan.FromSeconds(5), ct);
        var fourth = slots.AcquireAsync(_mlp, ct);
        await Task.Delay(50, ct);
        Assert.False(fourth.IsCompleted);

        slots.Release(third);
        Assert.Equal(0, (await fourth.WaitAsync(TimeSpan.FromSeconds(5), ct)).Gpu);
        slots.Release(first);
        Assert.Equal([2], slots.RunningPerGpu);
    }

    [Fact]
    public async Task A_waiting_trial_that_is_cancelled_gives_its_slot_back()
    {
        using var slots = new SiloSlots(
            Options.Create(new OrchestratorOptions { Gpus = [0], TrialsPerGpu = [2], GpuMemoryMargin = 0 }),
            _ => Free(1000));
        var held = await slots.AcquireAsync(_mlp, TestContext.Current.CancellationToken);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var waiting = slots.AcquireAsync(_mlp, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, slots.Free);
        slots.Release(held);
        Assert.Equal(2, slots.Free);
    }

    [Fact]
    public async Task Without_a_margin_gpu_slots_ignore_memory_and_first_epochs()
    {
        using var slots = new SiloSlots(Options.Create(new OrchestratorOptions { Gpus = [0], TrialsPerGpu = [2] }), _ => throw new InvalidOperationException("not read"));
        var a = await slots.AcquireAsync(_mlp, TestContext.Current.CancellationToken);
        var b = await slots.AcquireAsync(_mlp, TestContext.Current.CancellationToken);

        Assert.False(slots.AdmitsByMemory);
        Assert.Null(slots.FirstEpochDone(a));
        Assert.Equal((0, 0, 0L, 0L), (a.Gpu, b.Gpu, a.Lease, b.Lease));
    }

    [Fact]
    public void A_trial_s_request_carries_its_declared_peak_and_a_shape_shared_by_trials_that_differ_only_in_seed_or_rate()
    {
        var spec = new Orchestrator.Contracts.TrialSpec
        {
            Id = "t1", SweepId = "s", Dataset = "fashion-mnist", Fraction = 0.1, Model = "mlp-fashion", BatchSize = 50, ProbeSize = 1000,
            LearningRate = 0.01, Seed = 0, Stopping = new Orchestrator.Contracts.StoppingMethod { Name = "top" },
        };

        var request = SiloSlotRequest.For(spec);
        var declared = SiloSlotRequest.For(spec with { GpuMemoryMiB = 2048 });

        Assert.Null(request.DeclaredBytes);
        Assert.Equal(2048 * MiB, declared.DeclaredBytes);
        Assert.Equal(request.Shape, SiloSlotRequest.For(spec with { Id = "t2", Seed = 7, LearningRate = 0.05 }).Shape);
        Assert.NotEqual(request.Shape, SiloSlotRequest.For(spec with { BatchSize = 500 }).Shape);
        Assert.NotEqual(request.Shape, SiloSlotRequest.For(spec with { Fraction = 1 }).Shape);
    }
}
