using LoadHarness.Reporting.Compare;

namespace LoadHarness.Reporting.Tests.Compare;

/// <summary>The interval's quantiles against published table values.</summary>
public sealed class StudentTTests
{
    [Theory]
    [InlineData(0.975, 1.959964)]
    [InlineData(0.995, 2.575829)]
    [InlineData(0.5, 0)]
    [InlineData(0.01, -2.326348)]
    public void Normal_quantiles_match_the_table(double p, double expected) =>
        Assert.Equal(expected, StudentT.Normal(p), 5);

    [Theory]
    [InlineData(0.975, 1, 12.706)]
    [InlineData(0.975, 2, 4.303)]
    [InlineData(0.975, 4, 2.776)]
    [InlineData(0.975, 13, 2.160)]
    [InlineData(0.975, 30, 2.042)]
    [InlineData(0.995, 10, 3.169)]
    [InlineData(0.975, 1000, 1.962)]
    public void T_quantiles_match_the_table(double p, double df, double expected) =>
        Assert.Equal(expected, StudentT.Quantile(p, df), 2);
}
