namespace Orchestrator.Client.Core;

/// <summary>
/// Bad input from the user: the message names the field (option, file, row, column) and the fix.
/// A front end shows the message as it is; the CLI prints it on stderr and exits with code 2.
/// </summary>
public sealed class InputException(string message) : Exception(message);
