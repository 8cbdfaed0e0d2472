namespace Orchestrator.Training.Models;

/// <summary>
/// A user's model (TorchScript file or .NET plugin) cannot be trained: missing, unreadable, or breaking the
/// contract. The message starts with the sweep field (<c>model</c>, <c>model.connectome</c>, …) and says the fix. Bad
/// input, not a crash: an <see cref="ArgumentException"/>.
/// </summary>
public sealed class ModelCheckException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public ModelCheckException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ModelCheckException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
