namespace Orchestrator.Contracts;

/// <summary>
/// A sweep the silo refused at submission because one of its models or data sets cannot be trained (checked once
/// per sweep, before anything is written): bad input, whose message names the field and the fix.
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
