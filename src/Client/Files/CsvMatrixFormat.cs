using System.Globalization;
using System.Text;

namespace Orchestrator.Client.Files;

/// <summary>
/// Comma-separated numbers, no header, one matrix row per line (rows and columns are counted from 1 in
/// messages). Accepts <c>nan</c>, <c>inf</c>, <c>-inf</c>, <c>infinity</c> in any case, as NumPy writes
/// them; writes the shortest text that reads back to the same float.
/// </summary>
internal sealed class CsvMatrixFormat : IMatrixFormat
{
    public string Extension => ".csv";

    public DenseMatrix Read(Stream stream, string source)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var reader = new BoundedLineReader(text, source);
        var values = new List<float>();
        var columns = -1;
        var rows = 0;
        var blankRun = 0;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                blankRun++;
                continue;
            }

            if (blankRun > 0)
            {
                throw new InputException($"{source}: line {lineNumber - blankRun} is empty; every row must hold numbers (blank lines are allowed only at the end).");
            }

            rows++;
            var fields = line.Split(',');
            if (columns < 0)
            {
                columns = fields.Length;
            }
            else if (fields.Length != columns)
            {
                throw new InputException(
                    $"{source}: row {rows} has {fields.Length} {(fields.Length == 1 ? "column" : "columns")}, expected {columns} (as in row 1).");
            }

            if ((long)values.Count + fields.Length > Array.MaxLength)
            {
                throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{source}: more than {Array.MaxLength:N0} numbers; a matrix must fit in one array."));
            }

            for (var c = 0; c < fields.Length; c++)
            {
                values.Add(ParseNumber(fields[c], source, rows, c + 1));
            }
        }

        if (rows == 0)
        {
            throw new InputException($"{source} is empty; it must hold at least one row of comma-separated numbers.");
        }

        return new DenseMatrix(rows, columns, [.. values]);
    }

    public void Write(Stream stream, DenseMatrix matrix)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var line = new StringBuilder();
        for (var r = 0; r < matrix.Rows; r++)
        {
            line.Clear();
            var row = matrix.Row(r);
            for (var c = 0; c < row.Length; c++)
            {
                if (c > 0)
                {
                    line.Append(',');
                }

                line.Append(row[c].ToString("R", CultureInfo.InvariantCulture));
            }

            writer.WriteLine(line);
        }
    }

    private static float ParseNumber(string field, string source, int row, int column)
    {
        var text = field.Trim();
        switch (text.ToLowerInvariant())
        {
            case "nan" or "+nan" or "-nan":
                return float.NaN;
            case "inf" or "+inf" or "infinity" or "+infinity":
                return float.PositiveInfinity;
            case "-inf" or "-infinity":
                return float.NegativeInfinity;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            var shown = text.Length == 0 ? "an empty field" : $"'{text}'";
            throw new InputException($"{source}: row {row}, column {column}: {shown} is not a number.");
        }

        return MatrixFile.ToSingle(value, source, row, column);
    }
}
