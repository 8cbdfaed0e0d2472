using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Contracts;

namespace Orchestrator.Sweeps;

/// <summary>
/// Stable trial ids: a hash of everything that determines the run, so the same settings always get
/// the same id and a resubmitted sweep recognises the trials it already finished.
/// </summary>
public static class TrialId
{
    /// <summary>The canonical text of a trial's parameters (what the id hashes).</summary>
    public static string CanonicalText(TrialSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var c = CultureInfo.InvariantCulture;
        var text = string.Join(
            '|',
            "dataset=" + spec.Dataset,
            "fraction=" + spec.Fraction.ToString("R", c),
            "model=" + spec.Model,
            "lr=" + spec.LearningRate.ToString("R", c),
            "momentum=" + spec.Momentum.ToString("R", c),
            "batch=" + spec.BatchSize.ToString(c),
            "wd=" + spec.WeightDecay.ToString("R", c),
            "width=" + spec.Width.ToString("R", c),
            "seed=" + spec.Seed.ToString(c),
            "stop=" + spec.Stopping.Describe(),
            "maxEpochs=" + spec.MaxEpochs.ToString(c),
            "probe=" + spec.ProbeSize.ToString(c),
            "val=" + spec.ValidationFraction.ToString("R", c),
            "device=" + spec.Device);

        // Settings added later join the text only when not at their defaults, so the ids of existing sweeps stay.
        if (spec.Optimizer != "sgd")
        {
            text += $"|optimizer={spec.Optimizer}|betas={spec.Beta1.ToString("R", c)},{spec.Beta2.ToString("R", c)}";
        }

        if (spec.Nesterov)
        {
            text += "|nesterov";
        }

        if (spec.Schedule != "constant")
        {
            text += "|schedule=" + spec.Schedule;
        }

        // A search trial's number joins its id: two proposals of one configuration are two trials, and the
        // same search (seed and history) gives the same ids again.
        if (spec.SearchNumber is int number)
        {
            text += "|search=" + number.ToString(c);
        }

        // A refit names the search trial it trains again (its stopping method and hold-out differ too).
        if (spec.RefitOf is int source)
        {
            text += "|refit-of=" + source.ToString(c);
        }

        return text;
    }

    /// <summary>The id of a trial: <c>t</c> followed by the first 12 hex digits of the SHA-256 of its canonical text.</summary>
    public static string Of(TrialSpec spec)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText(spec)));
        return "t" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}
