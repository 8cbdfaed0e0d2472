using Orchestrator.Client.Core.Reports;

namespace Orchestrator.Client.Core.Tests;

public sealed class PairedTestTests
{
    [Fact]
    public void The_p_value_is_the_two_sided_student_t_tail_of_the_mean_difference()
    {
        // Differences 1, 2, 3: mean 2, sd 1, t = 2 / (1 / √3) = 3.4641 with 2 degrees of freedom; for 2 degrees of
        // freedom the two-sided tail has the closed form 1 − t / √(t² + 2).
        var test = PairedTest.Of([(11, 10), (22, 20), (33, 30)]);
        var t = 2 / (1 / Math.Sqrt(3));
        Assert.Equal(3, test.Count);
        Assert.Equal(2, test.MeanDifference, 12);
        Assert.Equal(1 - (t / Math.Sqrt((t * t) + 2)), test.PValue!.Value, 9);
        Assert.Contains("n = 3 seeds", test.Describe(), StringComparison.Ordinal);
        Assert.Contains("few seeds", test.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void One_pair_or_identical_differences_give_no_p_value_and_say_why()
    {
        Assert.Null(PairedTest.Of([(1, 0)]).PValue);
        Assert.Contains("no test possible", PairedTest.Of([(1, 0)]).Describe(), StringComparison.Ordinal);
        Assert.Null(PairedTest.Of([(2, 1), (3, 2)]).PValue);
    }
}
