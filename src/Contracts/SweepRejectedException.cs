namespace Orchestrator.Contracts;

/// <summary>
/// A request a sweep coordinator refused, with nothing changed: a sweep one of whose models or data sets cannot be
/// trained (checked once per sweep, before anything is written), a different sweep under a held id, or a new observer
/// beyond <see cref="SweepObserverLimit.MaxLive"/>. Bad input, whose message names the field and the fix.
/// </summary>
[GenerateSerializer]
public sealed class SweepRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SweepRejectedException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public SweepRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public SweepRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
