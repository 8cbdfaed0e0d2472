namespace Orchestrator.Client.Files;

/// <summary>A file format for 2-D numeric matrices, chosen by file extension.</summary>
internal interface IMatrixFormat
{
    /// <summary>The extension, lower case with the dot (<c>.csv</c>).</summary>
    string Extension { get; }

    /// <summary>Reads a whole matrix; problems throw <see cref="InputException"/> naming <paramref name="source"/> and the place.</summary>
    DenseMatrix Read(Stream stream, string source);

    /// <summary>Writes the matrix completely to <paramref name="stream"/>.</summary>
    void Write(Stream stream, DenseMatrix matrix);
}
