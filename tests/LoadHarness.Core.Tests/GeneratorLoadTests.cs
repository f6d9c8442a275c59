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

    [Fact]
    public void A_merged_result_keeps_the_busiest_segments_generator_load()
    {
        var stats = new StatsBlock { Latency = LatencyStats.Empty, OkLatency = LatencyStats.Empty };
        var a = TestResults.With(TestResults.Scenario("s", stats), 1000) with { Segments = ["0:1/2"] };
        var b = a with { Segments = ["1/2:1"] };
        a = a with { Environment = a.Environment with { GeneratorCpuCores = 0.4 } };
        b = b with { Environment = b.Environment with { GeneratorCpuCores = 1.8 } };

        Assert.Equal(1.8, ResultMerger.Merge([a, b]).Environment.GeneratorCpuCores);
    }
}
