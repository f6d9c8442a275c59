using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;

namespace LoadHarness.Core.Tests;

public sealed class GeneratorLoadTests
{
    [Theory]
    [InlineData(1.09, 2, "1.09 of 2 cores (55 %)", false)]
    [InlineData(1.69, 2, "1.69 of 2 cores (85 %)", false)]
    [InlineData(1.7, 2, "1.70 of 2 cores (85 %)", true)]
    [InlineData(7.9, 8, "7.90 of 8 cores (99 %)", true)]
    public void The_generator_load_reads_as_cores_and_a_share_and_is_near_the_limit_from_85_percent(double cores, int processors, string text, bool near)
    {
        Assert.Equal(text, GeneratorLoad.Describe(cores, processors));
        Assert.Equal(near, GeneratorLoad.IsNearLimit(cores, processors));
    }

    [Fact]
    public void Cores_are_cpu_seconds_over_wall_seconds_and_a_zero_interval_has_none()
    {
        Assert.Equal(1.5, GeneratorLoad.Cores(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10)));
        Assert.Null(GeneratorLoad.Cores(TimeSpan.FromSeconds(1), TimeSpan.Zero));
    }
}
