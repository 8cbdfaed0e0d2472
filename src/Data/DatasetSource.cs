using Orchestrator.Data.Numpy;

namespace Orchestrator.Data;

/// <summary>
/// What a run's dataset text names: a catalog dataset (<c>fashion-mnist</c>) or a user's NumPy files (the canonical
/// text of <see cref="NumpyDatasetFiles"/>), and loading either.
/// </summary>
public static class DatasetSource
{
    /// <summary>True for a catalog name or a NumPy data set's canonical text.</summary>
    public static bool IsKnown(string dataset) =>
        dataset is not null && (NumpyDatasetFiles.IsReference(dataset) || DatasetCatalog.Default.IsKnown(dataset));

    /// <summary>Loads the dataset.</summary>
    /// <exception cref="DatasetFormatException">Missing or malformed; the message says how to fix it.</exception>
    /// <exception cref="ArgumentException">Unknown catalog name.</exception>
    public static DatasetSplit Load(string dataset, string? dataDirectory) =>
        NumpyDatasetFiles.IsReference(dataset)
            ? NumpyDatasetLoader.Load(NumpyDatasetFiles.Parse(dataset))
            : DatasetCatalog.Default.Load(dataset, dataDirectory);

    /// <summary>A short name for tables: the catalog name, or the NumPy file's name.</summary>
    public static string DisplayName(string dataset) =>
        NumpyDatasetFiles.IsReference(dataset) ? NumpyDatasetFiles.Parse(dataset).DisplayName : dataset;
}
