namespace Orchestrator.Data;

/// <summary>
/// The devices a run may ask for, defined once for the CLI, sweep files and the worker: <c>cpu</c>,
/// <c>cuda</c> (fails without a CUDA libtorch) and <c>auto</c> (CUDA when it loads, else the CPU).
/// </summary>
public static class TrainingDevices
{
    /// <summary>The CPU; the default.</summary>
    public const string Cpu = "cpu";

    /// <summary>A CUDA GPU; the run fails when none can be used.</summary>
    public const string Cuda = "cuda";

    /// <summary>CUDA when it loads, else the CPU (with a warning).</summary>
    public const string Auto = "auto";

    /// <summary>Every device name, in the order help texts list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [Cpu, Cuda, Auto];

    /// <summary>The names for a sentence: <c>cpu, cuda or auto</c>.</summary>
    public static string Listed => string.Join(", ", Names.Take(Names.Count - 1)) + " or " + Names[^1];

    /// <summary>True when <paramref name="name"/> is a device name (exact).</summary>
    public static bool IsKnown(string name) => Names.Contains(name);
}
