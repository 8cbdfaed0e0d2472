using Orchestrator.Data.Datasets;

namespace Orchestrator.Data.Tests;

/// <summary>A dataset defined only in this test assembly: discovering it proves a dataset is one file.</summary>
public sealed class TestOnlyDataset : DatasetDescriptor
{
    public override string Name => "test-only-dataset";

    public override string Description => "the synthetic data under another name";

    public override DatasetAvailability Locate(string dataDirectory) =>
        new(Name, true, Path.Combine(dataDirectory, "test-only"), "generated", string.Empty);

    public override DatasetSplit Load(DatasetAvailability found, string dataDirectory) =>
        SyntheticDataset.Create() with { Name = Name };
}
