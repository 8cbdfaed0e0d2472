namespace Orchestrator.Contracts;

/// <summary>Adam's two moment decays, one value of the <c>grid.betas</c> dimension.</summary>
/// <param name="Beta1">Decay of the first moment, in [0, 1).</param>
/// <param name="Beta2">Decay of the second moment, in [0, 1).</param>
[GenerateSerializer]
[Immutable]
public sealed record AdamBetas([property: Id(0)] double Beta1, [property: Id(1)] double Beta2);
