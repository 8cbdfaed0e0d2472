using Orchestrator.Contracts;
using Orchestrator.Data;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// What only the silo knows is checked at submission (issue 16, item 18): a sweep that could not run any trial is
/// one <see cref="SweepRejectedException"/> naming the field and the fix, and nothing is stored.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SweepPreflightTests(TestClusterFixture fixture)
{
    [Fact]
    public async Task A_probe_larger_than_the_training_subset_is_refused_not_silently_cut()
    {
        var sweep = Synthetic.Sweep("preflight-probe", """ "probeSize": 1000000, "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 1 """);

        var ex = await Assert.ThrowsAsync<SweepRejectedException>(() => fixture.Client.GetGrain<ISweepCoordinatorGrain>("preflight-probe").Submit(sweep));

        Assert.StartsWith("probeSize: 1000000 is more than the ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("set probeSize to at most", ex.Message, StringComparison.Ordinal);
        Assert.Empty((await fixture.Client.GetGrain<ISweepCoordinatorGrain>("preflight-probe").GetStatus()).Trials);
    }

    [Fact]
    public async Task A_probe_larger_than_what_the_hold_out_leaves_names_the_hold_out()
    {
        var sweep = Synthetic.Sweep("preflight-holdout", """ "probeSize": 1000000, "grid": { "seed": [0] }, "stopping": ["vl"], "maxEpochs": 1 """);

        var ex = await Assert.ThrowsAsync<SweepRejectedException>(() => fixture.Client.GetGrain<ISweepCoordinatorGrain>("preflight-holdout").Submit(sweep));

        Assert.Contains("after holding out 0.2 for validation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_set_that_is_not_installed_on_the_silo_is_refused_with_how_to_install_it()
    {
        var found = DatasetCatalog.Default.Availability("cifar100");
        Assert.SkipWhen(found.Available, "CIFAR-100 is installed on this machine");
        var sweep = Synthetic.Sweep("preflight-data", """ "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 1 """) with { Dataset = "cifar100", Model = "vgg-small" };

        var ex = await Assert.ThrowsAsync<SweepRejectedException>(() => fixture.Client.GetGrain<ISweepCoordinatorGrain>("preflight-data").Submit(sweep));

        Assert.StartsWith("dataset: 'cifar100' is not installed on silo", ex.Message, StringComparison.Ordinal);
        Assert.Contains(found.InstallHint, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cuda_on_a_silo_without_a_usable_gpu_is_refused_at_submission()
    {
        Assert.SkipWhen(TorchSharp.torch.cuda.is_available(), "this machine has a GPU");
        var sweep = Synthetic.Sweep("preflight-cuda", """ "device": "cuda", "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 1 """);

        var ex = await Assert.ThrowsAsync<SweepRejectedException>(() => fixture.Client.GetGrain<ISweepCoordinatorGrain>("preflight-cuda").Submit(sweep));

        Assert.StartsWith("device: \"cuda\" cannot run on silo", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"auto\"", ex.Message, StringComparison.Ordinal);
        Assert.Empty((await fixture.Client.GetGrain<ISweepCoordinatorGrain>("preflight-cuda").GetStatus()).Trials);
    }
}
