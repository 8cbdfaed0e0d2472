namespace Orchestrator.Sweeps.Tests;

public sealed class RootedPathTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rooted-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Plain_names_resolve_under_the_root() =>
        Assert.Equal(Path.Combine(_root, "sweep", "t1"), RootedPath.Under(_root, "sweep", "t1"));

    [Theory]
    [InlineData("..")]
    [InlineData("../x")]
    [InlineData("/tmp")]
    [InlineData("a/b")]
    [InlineData("")]
    public void A_segment_that_could_leave_the_root_is_refused(string segment) =>
        Assert.Throws<ArgumentException>(() => RootedPath.Under(_root, segment));

    [Fact]
    public void A_symbolic_link_below_the_root_is_refused()
    {
        var target = Directory.CreateTempSubdirectory("rooted-target-").FullName;
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(_root, "link"), target);
            var error = Assert.Throws<ArgumentException>(() => RootedPath.Under(_root, "link", "file"));
            Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(target);
        }
    }
}
