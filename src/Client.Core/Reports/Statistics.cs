using System.Globalization;

namespace Orchestrator.Client.Core.Reports;

/// <summary>Mean and sample standard deviation (n − 1) of a set of values, as the report prints them.</summary>
internal readonly record struct MeanStd(double Mean, double Std, int Count)
{
    public static MeanStd? Of(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var mean = list.Average();
        var std = list.Count > 1 ? Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1)) : 0;
        return new MeanStd(mean, std, list.Count);
    }

    public string Format(string format) => Count > 1
        ? $"{Mean.ToString(format, CultureInfo.InvariantCulture)} ± {Std.ToString(format, CultureInfo.InvariantCulture)}"
        : Mean.ToString(format, CultureInfo.InvariantCulture) + " (1 seed)";
}
