using Orchestrator.Client.Core.Sweeps;

namespace Orchestrator.Client.Core.Tests;

public sealed class ResultsFolderLockTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orchestrator-lock-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_second_run_on_the_same_results_folder_is_refused_naming_the_process_that_holds_it()
    {
        using (ResultsFolderLock.Acquire(_root, "s"))
        {
            var error = Assert.Throws<InputException>(() => ResultsFolderLock.Acquire(_root, "s"));
            Assert.Contains($"process {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
            Assert.Contains("--results DIR", error.Message, StringComparison.Ordinal);
            using (ResultsFolderLock.Acquire(_root, "other"))
            {
            }
        }

        using (ResultsFolderLock.Acquire(_root, "s"))
        {
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }
}
