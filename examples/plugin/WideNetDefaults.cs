namespace My.Models;

/// <summary>The defaults of <see cref="WideNet"/>'s sweep parameters (a plain class: naming it as a model is refused, it is no network).</summary>
public static class WideNetDefaults
{
    /// <summary>Units of the first hidden layer.</summary>
    public const int Hidden = 64;

    /// <summary>LeakyReLU slope, the paper's.</summary>
    public const double Slope = 0.01;
}
