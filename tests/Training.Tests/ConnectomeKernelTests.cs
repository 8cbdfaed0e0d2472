using Orchestrator.Data;
using Orchestrator.Topology;
using static TorchSharp.torch;

namespace Orchestrator.Training.Tests;

public sealed class ConnectomeKernelTests
{
    [Fact]
    public void Torch_connectome_equals_the_reference_functional_connectome()
    {
        const int samples = 200;
        const int neurons = 17;
        var random = new DeterministicRandom(11);
        var activations = new float[samples * neurons];
        for (var s = 0; s < samples; s++)
        {
            var shared = (float)random.NextDouble();
            for (var j = 0; j < neurons; j++)
            {
                activations[(s * neurons) + j] = (j % 3 == 0 ? shared * j : 0) + (float)random.NextDouble();
            }
        }

        using var kernel = new ConnectomeKernel(neurons, CPU);
        using var input = tensor(activations, [samples, neurons]);
        var fromTorch = kernel.UpperTriangle(input);
        var reference = FunctionalConnectome.Compute(activations, samples, neurons).ToUpperTriangle();

        Assert.Equal(reference.Length, fromTorch.Length);
        for (var k = 0; k < reference.Length; k++)
        {
            Assert.Equal(reference[k], fromTorch[k], 1e-4f);
        }
    }

    [Fact]
    public void Constant_neurons_are_uncorrelated_with_everything()
    {
        // Neuron 1 is constant 0.3 (not exactly representable, so a float mean would not cancel it).
        float[] activations = [0f, 0.3f, 1f, 1f, 0.3f, 3f, 2f, 0.3f, 2f, 3f, 0.3f, 5f];
        using var kernel = new ConnectomeKernel(3, CPU);
        using var input = tensor(activations, [4, 3]);

        var upper = kernel.UpperTriangle(input);
        var reference = FunctionalConnectome.Compute(activations, 4, 3).ToUpperTriangle();

        Assert.Equal(0f, upper[0]);
        Assert.Equal(0f, upper[2]);
        Assert.Equal(reference[1], upper[1], 1e-5f);
    }

    [Fact]
    public void Only_the_strict_upper_triangle_reaches_the_host_and_it_is_the_full_matrix_s_bit_for_bit()
    {
        const int samples = 64;
        const int neurons = 23;
        var random = new DeterministicRandom(5);
        var activations = new float[samples * neurons];
        for (var k = 0; k < activations.Length; k++)
        {
            activations[k] = (float)random.NextDouble();
        }

        using var kernel = new ConnectomeKernel(neurons, CPU);
        using var input = tensor(activations, [samples, neurons]);
        var upper = kernel.UpperTriangle(input);
        using var matrix = kernel.Matrix(input);
        var full = matrix.cpu().data<float>().ToArray();

        // n(n−1)/2 values cross to the host, row by row (ConnectomeMatrix.ToUpperTriangle's layout), equal to the full W's.
        Assert.Equal(neurons * (neurons - 1) / 2, upper.Length);
        var expected = new List<float>();
        for (var i = 0; i < neurons; i++)
        {
            for (var j = i + 1; j < neurons; j++)
            {
                expected.Add(full[(i * neurons) + j]);
            }
        }

        Assert.Equal(expected, upper);
    }
}
