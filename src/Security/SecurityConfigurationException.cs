namespace Orchestrator.Security;

/// <summary>
/// A certificate, key or secret that is missing, unreadable or wrong. The message names the file or variable and
/// the fix; front ends show it as bad input (exit code 2). It never holds a secret's value.
/// </summary>
public sealed class SecurityConfigurationException : Exception
{
    public SecurityConfigurationException()
    {
    }

    public SecurityConfigurationException(string message)
        : base(message)
    {
    }

    public SecurityConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
