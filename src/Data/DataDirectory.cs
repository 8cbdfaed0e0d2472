namespace Orchestrator.Data;

/// <summary>Where dataset files live: <c>ORCHESTRATOR_DATA_DIR</c>, else <c>~/.cache/orchestrator/data</c>.</summary>
public static class DataDirectory
{
    /// <summary>The environment variable that overrides the data directory.</summary>
    public const string EnvironmentVariable = "ORCHESTRATOR_DATA_DIR";

    /// <summary>Debian's <c>dataset-fashion-mnist</c> install location.</summary>
    public const string DebianFashionMnist = "/usr/share/datasets/fashion-mnist";

    /// <summary>The command that installs the datasets this machine can get.</summary>
    public const string InstallCommand = "scripts/bootstrap.sh --with datasets";

    /// <summary>The data directory: <paramref name="explicitPath"/> when given, else the environment variable, else the default.</summary>
    public static string Resolve(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return explicitPath;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "orchestrator", "data");
    }
}
