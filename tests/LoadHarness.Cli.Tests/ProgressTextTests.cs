using LoadHarness.Cli.Output;
using LoadHarness.Core.Execution;

namespace LoadHarness.Cli.Tests;

public sealed class ProgressTextTests
{
    private static RunSnapshot Snapshot(params ThresholdState[] states) => new(TimeSpan.FromSeconds(3), [], states);

    [Fact]
    public void A_threshold_without_data_yet_is_waiting_not_crossed()
    {
        var snapshot = Snapshot(
            new ThresholdState("p(95) < 500", "web", null, Passing: false, "p(95): no data") { NoData = true },
            new ThresholdState("rate < 0.01", "web", null, Passing: true, "rate=0, limit < 0.01"));

        Assert.Equal("✓ 1/2, 1 without data yet", ProgressText.Thresholds(snapshot, "web"));
    }

    [Fact]
    public void A_crossed_threshold_is_named_and_no_data_ones_are_not()
    {
        var snapshot = Snapshot(
            new ThresholdState("p(95) < 5", "db", "unread_count", Passing: false, "p(95)=6.4 ms, limit < 5 ms"),
            new ThresholdState("rate < 0.01", "db", null, Passing: false, "rate: no data") { NoData = true });

        Assert.Equal("✗ unread_count: p(95) < 5", ProgressText.Thresholds(snapshot, "db"));
        Assert.Equal("✗ 1/2 failing", ProgressText.Thresholds(snapshot, "db", compact: true));
    }
}
