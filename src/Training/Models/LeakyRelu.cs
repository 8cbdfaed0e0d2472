using TorchSharp;
using static TorchSharp.torch;

namespace Orchestrator.Training.Models;

/// <summary>LeakyReLU with the paper's slope, through one torch <see cref="Scalar"/> that lives as long as the process.</summary>
/// <remarks>
/// TorchSharp 0.107's <c>nn.functional.leaky_relu(Tensor, double)</c> turns the slope into a temporary,
/// finalizable <see cref="Scalar"/> and passes only its native handle: a garbage collection during the
/// call may finalize the Scalar and free it under the running op (libtorch then fails with "Unknown
/// scalar type"). A Scalar held by a static field cannot be collected. See <c>TorchScalarLifetimeTests</c>.
/// </remarks>
internal static class LeakyRelu
{
    private static readonly Scalar Slope = MultilayerPerceptron.NegativeSlope.ToScalar();

    /// <summary>max(x, 0) + slope · min(x, 0), elementwise.</summary>
    public static Tensor Apply(Tensor x) => x.leaky_relu(Slope);
}
