namespace Orchestrator.Client;

/// <summary>
/// Bad input from the user: the message names the field (option, file, row, column) and the fix.
/// The CLI prints it on stderr and exits with <see cref="ExitCodes.BadInput"/>.
/// </summary>
internal sealed class InputException(string message) : Exception(message);
