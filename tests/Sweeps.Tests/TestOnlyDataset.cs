using Orchestrator.Data;
using Orchestrator.Data.Datasets;

namespace Orchestrator.Sweeps.Tests;

/// <summary>A dataset that exists only in this test assembly: a sweep file may name it once its catalog discovers it.</summary>
public sealed class TestOnlyDataset : DatasetDescriptor
{
    public override string Name => "test-only-dataset";

    public override string Description => "the synthetic data under another name";

    public override DatasetAvailability Locate(string dataDirectory) => new(Name, true, "(test)", "synthetic", string.Empty);

    public override DatasetSplit Load(DatasetAvailability found, string dataDirectory) => SyntheticDataset.Create();
}
