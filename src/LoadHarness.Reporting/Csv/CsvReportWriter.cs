using System.Text;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;
using LoadHarness.Reporting.Writing;

namespace LoadHarness.Reporting.Csv;

/// <summary>stats.csv: one row per scenario and per step, every stat, invariant numbers, units in the column names.</summary>
public sealed class CsvReportWriter : IReportWriter
{
    public const string FileName = "stats.csv";

    private static readonly string[] Header =
    [
        "scenario", "step", "requests", "ok", "fail", "error_rate", "rps",
        "min_ms", "mean_ms", "stddev_ms", "p50_ms", "p75_ms", "p90_ms", "p95_ms", "p99_ms", "max_ms",
        "ok_min_ms", "ok_mean_ms", "ok_p50_ms", "ok_p75_ms", "ok_p95_ms", "ok_p99_ms", "ok_max_ms",
        "bytes_total", "clamped", "status_codes", "errors",
    ];

    public string Format => ReportFormats.Csv;

    public Task<IReadOnlyList<string>> WriteAsync(RunResult result, string outputFolder, CancellationToken cancellationToken) =>
        AtomicFile.WriteReportAsync(result, outputFolder, FileName, Render, cancellationToken);

    public static string Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Header)).Append('\n');
        foreach (var row in StatsRow.InOrder(result))
        {
            var s = row.Stats;
            string[] cells =
            [
                row.Scenario, row.Step ?? string.Empty,
                NumberText.Raw(s.RequestCount), NumberText.Raw(s.OkCount), NumberText.Raw(s.FailCount), NumberText.Raw(s.ErrorRate), NumberText.Raw(s.Rps),
                .. Latency(s.Latency, withStdDev: true),
                NumberText.Raw(s.OkLatency.MinMs), NumberText.Raw(s.OkLatency.MeanMs), NumberText.Raw(s.OkLatency.P50Ms), NumberText.Raw(s.OkLatency.P75Ms),
                NumberText.Raw(s.OkLatency.P95Ms), NumberText.Raw(s.OkLatency.P99Ms), NumberText.Raw(s.OkLatency.MaxMs),
                NumberText.Raw(s.BytesTotal), NumberText.Raw(s.ClampedCount),
                string.Join(';', s.StatusCodes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key + ":" + NumberText.Raw(c.Value))),
                string.Join(';', s.Errors.Select(e => e.Kind + ":" + NumberText.Raw(e.Count))),
            ];
            sb.Append(string.Join(',', cells.Select(Quote))).Append('\n');
        }

        return sb.ToString();
    }

    private static IEnumerable<string> Latency(LatencyStats l, bool withStdDev)
    {
        yield return NumberText.Raw(l.MinMs);
        yield return NumberText.Raw(l.MeanMs);
        if (withStdDev)
        {
            yield return NumberText.Raw(l.StdDevMs);
        }

        yield return NumberText.Raw(l.P50Ms);
        yield return NumberText.Raw(l.P75Ms);
        yield return NumberText.Raw(l.P90Ms);
        yield return NumberText.Raw(l.P95Ms);
        yield return NumberText.Raw(l.P99Ms);
        yield return NumberText.Raw(l.MaxMs);
    }

    /// <summary>RFC 4180: quote a cell holding a comma, quote or line break; double its quotes.</summary>
    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
