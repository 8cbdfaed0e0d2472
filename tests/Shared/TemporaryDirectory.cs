namespace Orchestrator.Tests;

/// <summary>A fresh directory under the system temp folder, deleted on dispose (shared by every test project).</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        var project = typeof(TemporaryDirectory).Assembly.GetName().Name!.ToLowerInvariant().Replace('.', '-');
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), project + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
