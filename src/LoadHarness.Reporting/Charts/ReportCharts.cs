using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Charts;

/// <summary>Every chart a result has data for, in report order.</summary>
internal static class ReportCharts
{
    public static IReadOnlyList<ReportChart> Build(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = new List<ReportChart>();
        Add(charts, TimelineCharts.Load(result));
        Add(charts, TimelineCharts.Throughput(result));
        Add(charts, TimelineCharts.ErrorRate(result));
        foreach (var scenario in result.Scenarios)
        {
            Add(charts, TimelineCharts.Latency(scenario));
        }

        Add(charts, DistributionCharts.Histogram(result));
        Add(charts, DistributionCharts.Percentiles(result));
        Add(charts, StatusCodeChart.Build(result));
        charts.AddRange(SeriesCharts.Build(result));
        return charts;
    }

    private static void Add(List<ReportChart> charts, ReportChart? chart)
    {
        if (chart is not null)
        {
            charts.Add(chart);
        }
    }
}
