using System.Globalization;

namespace Orchestrator.Data.Optimization;

/// <summary>
/// How the learning rate changes from epoch to epoch: <c>constant</c>, <c>cosine</c> (to <see cref="MinimumFactor"/>
/// of the base rate at the epoch limit) or <c>step</c> (× <see cref="Gamma"/> every <see cref="StepSize"/> epochs).
/// </summary>
/// <remarks>
/// The rate is a closed form of the epoch, like <c>torch.optim.lr_scheduler.CosineAnnealingLR</c> and <c>StepLR</c>
/// stepped once per epoch, so a resumed run needs no scheduler state in its checkpoint: the epoch is enough.
/// </remarks>
/// <param name="Kind"><c>constant</c>, <c>cosine</c> or <c>step</c>.</param>
/// <param name="StepSize">Epochs between two drops of a <c>step</c> schedule (≥ 1).</param>
/// <param name="Gamma">Factor of each drop of a <c>step</c> schedule, in (0, 1].</param>
/// <param name="MinimumFactor">The cosine schedule's final rate as a fraction of the base rate, in [0, 1).</param>
public sealed record LearningRateSchedule(string Kind, int StepSize = 10, double Gamma = 0.1, double MinimumFactor = 0)
{
    /// <summary>The kinds a sweep file may name.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["constant", "cosine", "step"];

    /// <summary>No schedule: the base rate throughout.</summary>
    public static LearningRateSchedule Constant { get; } = new("constant");

    /// <summary>True for the constant schedule.</summary>
    public bool IsConstant => Kind == "constant";

    /// <summary>The rate factor of the epoch with zero-based index <paramref name="epoch"/> of a run of at most <paramref name="horizon"/> epochs.</summary>
    public double Factor(int epoch, int horizon) => Kind switch
    {
        "cosine" => MinimumFactor + ((1 - MinimumFactor) * (1 + Math.Cos(Math.PI * Math.Min(epoch, horizon) / Math.Max(1, horizon))) / 2),
        "step" => Math.Pow(Gamma, epoch / StepSize),
        _ => 1,
    };

    /// <summary>The canonical text: <c>constant</c>, <c>cosine</c>, <c>cosine(min=0.01)</c> or <c>step(10,0.1)</c>.</summary>
    public override string ToString() => Kind switch
    {
        "cosine" when MinimumFactor != 0 => $"cosine(min={MinimumFactor.ToString("R", CultureInfo.InvariantCulture)})",
        "step" => $"step({StepSize.ToString(CultureInfo.InvariantCulture)},{Gamma.ToString("R", CultureInfo.InvariantCulture)})",
        _ => Kind,
    };

    /// <summary>Reads the canonical text written by <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">Not a schedule's canonical text.</exception>
    public static LearningRateSchedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var c = CultureInfo.InvariantCulture;
        if (text is "constant" or "cosine")
        {
            return new LearningRateSchedule(text);
        }

        if (text.StartsWith("cosine(min=", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            return new LearningRateSchedule("cosine", MinimumFactor: double.Parse(text[11..^1], c));
        }

        if (text.StartsWith("step(", StringComparison.Ordinal) && text.EndsWith(')') && text[5..^1].Split(',') is [var size, var gamma])
        {
            return new LearningRateSchedule("step", int.Parse(size, c), double.Parse(gamma, c));
        }

        throw new FormatException($"'{text}' is not a learning-rate schedule; allowed: constant, cosine, cosine(min=F), step(N,GAMMA).");
    }
}
