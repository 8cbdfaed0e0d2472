using System.Reflection;
using TorchSharp;

namespace Orchestrator.Training.Tests;

/// <summary>
/// The training engine never hands libtorch a temporary torch Scalar. TorchSharp passes only a Scalar's
/// native handle, so a Scalar that nothing references any more can be finalized (freed) by a garbage
/// collection while the op still reads it; a 75-trial sweep failed once that way ("Unknown scalar type"
/// from <c>mul_</c>). Scalars must live in fields or <c>using</c> variables, and TorchSharp methods that
/// convert a double internally (found by reading their IL) are avoided.
/// </summary>
public sealed class TorchScalarLifetimeTests
{
    private static readonly (Type Type, string Name)[] _methodsMakingTemporaryScalars =
    [
        (typeof(torch.nn.functional), nameof(torch.nn.functional.leaky_relu)),
        (typeof(torch.Tensor), nameof(torch.Tensor.square)),
    ];

    [Fact]
    public void No_training_code_converts_a_number_to_a_temporary_scalar_or_calls_a_method_that_does()
    {
        var offenders = new List<string>();
        foreach (var method in AllMethods(typeof(TrainingSession).Assembly))
        {
            foreach (var callee in CalledMethods(method))
            {
                var implicitScalar = callee.DeclaringType == typeof(Scalar) && callee.Name == "op_Implicit";
                var scalarMaker = _methodsMakingTemporaryScalars.Any(m => callee.DeclaringType == m.Type && callee.Name == m.Name);
                if (implicitScalar || scalarMaker)
                {
                    offenders.Add($"{method.DeclaringType?.FullName}.{method.Name} calls {callee.DeclaringType?.Name}.{callee.Name}");
                }
            }
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_scan_finds_temporary_scalars_where_they_are()
    {
        // Guards the scan itself: TorchSharp's own leaky_relu(Tensor, double) is the pattern it must catch.
        var functional = typeof(torch.nn.functional).GetMethods().Single(m => m.Name == "leaky_relu");
        Assert.Contains(CalledMethods(functional), c => c.DeclaringType == typeof(Scalar) && c.Name == "op_Implicit");
        Assert.Contains(AllMethods(typeof(TrainingSession).Assembly), m => CalledMethods(m).Any(c => c.Name == nameof(torch.Tensor.leaky_relu)));
    }

    private static IEnumerable<MethodBase> AllMethods(Assembly assembly)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return assembly.GetTypes().SelectMany(t => t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all)));
    }

    /// <summary>The targets of call, callvirt and newobj instructions, read from the IL byte stream.</summary>
    private static IEnumerable<MethodBase> CalledMethods(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] is not (0x28 or 0x6F or 0x73))
            {
                continue;
            }

            var token = BitConverter.ToInt32(il, i + 1);
            var table = (uint)token >> 24;
            if (table is not (0x06 or 0x0A or 0x2B))
            {
                continue;
            }

            MethodBase? callee;
            try
            {
                callee = method.Module.ResolveMethod(token, method.DeclaringType?.GetGenericArguments(), method.IsGenericMethod ? method.GetGenericArguments() : null);
            }
            catch (Exception ex) when (ex is ArgumentException or BadImageFormatException)
            {
                // An operand byte that only looks like a call opcode.
                continue;
            }

            if (callee is not null)
            {
                yield return callee;
            }
        }
    }
}
