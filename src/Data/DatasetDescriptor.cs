namespace Orchestrator.Data;

/// <summary>
/// Describes a dataset to <see cref="DatasetCatalog"/>: its name, where its files are looked for, whether
/// they are there (and how to install them if not), and how to load them. Each dataset is one sealed
/// subclass with a public parameterless constructor, so adding a dataset is adding one file: the catalog
/// finds it by reflection.
/// </summary>
public abstract class DatasetDescriptor
{
    /// <summary>The dataset's stable name, as written on the command line and in sweep files (e.g. <c>fashion-mnist</c>).</summary>
    public abstract string Name { get; }

    /// <summary>One line for help texts.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// Where the dataset stands under <paramref name="dataDirectory"/> (already resolved, see
    /// <see cref="DataDirectory.Resolve"/>): the place it is read from, or where it was looked for and the
    /// step that installs it.
    /// </summary>
    public abstract DatasetAvailability Locate(string dataDirectory);

    /// <summary>Loads the dataset from where <see cref="Locate"/> found it.</summary>
    /// <param name="found">What <see cref="Locate"/> returned; <see cref="DatasetAvailability.Available"/> is true.</param>
    /// <param name="dataDirectory">The resolved data directory <paramref name="found"/> came from.</param>
    /// <exception cref="DatasetFormatException">A file is missing or malformed.</exception>
    public abstract DatasetSplit Load(DatasetAvailability found, string dataDirectory);
}
