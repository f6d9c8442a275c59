using LoadHarness.Cli.Commands.Run;

namespace LoadHarness.Cli.Tests;

/// <summary>The whole machine's CPU between two /proc/stat readings, in cores.</summary>
public sealed class MachineCpuTests
{
    [Fact]
    public void Busy_time_is_everything_but_idle_and_iowait_and_two_readings_give_cores()
    {
        var start = MachineCpu.Parse("cpu  100 0 50 800 50 0 0 0 0 0");
        var end = MachineCpu.Parse("cpu  250 0 100 1000 50 0 0 0 0 0");

        Assert.Equal(new MachineCpu(150, 1000), start);
        Assert.Equal(1.0, MachineCpu.Cores(start, end, processorCount: 2)); // 200 of 400 ticks busy: half of 2 cores
    }

    [Theory]
    [InlineData(null)]
    [InlineData("cpu0 1 2 3 4")]
    [InlineData("cpu  1 x 3 4")]
    public void A_line_that_is_not_the_aggregate_cpu_line_reads_as_nothing(string? line) => Assert.Null(MachineCpu.Parse(line));

    [Fact]
    public void No_time_between_readings_or_a_missing_reading_gives_no_figure()
    {
        var reading = MachineCpu.Parse("cpu  1 0 1 10 0 0 0 0");
        Assert.Null(MachineCpu.Cores(reading, reading, 2));
        Assert.Null(MachineCpu.Cores(null, reading, 2));
    }

    [Fact]
    public void This_machine_reads_on_linux()
    {
        Assert.True(!OperatingSystem.IsLinux() || MachineCpu.Read() is { Total: > 0 });
    }
}
