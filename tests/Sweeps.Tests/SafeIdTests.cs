namespace Orchestrator.Sweeps.Tests;

public sealed class SafeIdTests
{
    [Theory]
    [InlineData("collide")]
    [InlineData("a")]
    [InlineData("t0123456789ab")]
    [InlineData("my-sweep-2")]
    public void Lower_case_letters_digits_and_inner_dashes_are_ids(string id) => Assert.True(SafeId.IsValid(id));

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("../victim")]
    [InlineData("/etc")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("-lead")]
    [InlineData("trail-")]
    [InlineData("Upper")]
    [InlineData("dot.ted")]
    public void Anything_that_could_name_another_folder_is_not_an_id(string id) => Assert.False(SafeId.IsValid(id));

    [Fact]
    public void An_id_longer_than_the_limit_is_refused_and_the_message_does_not_echo_it_whole()
    {
        var huge = new string('a', 1_000_000);
        Assert.False(SafeId.IsValid(huge));
        Assert.True(SafeId.Problem(huge)!.Length < 400);
    }

    [Fact]
    public void Every_sweep_id_made_from_a_name_follows_the_grammar()
    {
        foreach (var name in new[] { "Collide!", "../victim", "/etc/passwd", "x", new string('z', 500), "--a--" })
        {
            Assert.True(SafeId.IsValid(TrialExpansion.SweepIdOf(name)), name);
        }
    }
}
