using System.Text;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;
using LoadHarness.Reporting.Writing;

namespace LoadHarness.Reporting.Text;

/// <summary>summary.txt: a plain-text end-of-test summary (NBomber's "Txt" format), aligned columns, invariant numbers.</summary>
public sealed class TextReportWriter : IReportWriter
{
    public const string FileName = "summary.txt";

    public string Format => ReportFormats.Txt;

    public Task<IReadOnlyList<string>> WriteAsync(RunResult result, string outputFolder, CancellationToken cancellationToken) =>
        AtomicFile.WriteReportAsync(result, outputFolder, FileName, Render, cancellationToken);

    public static string Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        var verdict = Verdict.Of(result);
        sb.Append(verdict.Headline).Append('\n').Append('\n');
        foreach (var (key, value) in TestInfoRows.Of(result))
        {
            sb.Append(key.PadRight(14)).Append(value).Append('\n');
        }

        sb.Append('\n');
        string[] header = ["scenario / step", "requests", "fail", "err %", "rps", "min", "mean", "p50", "p95", "p99", "max (ms)"];
        var lines = new List<string[]> { header };
        lines.AddRange(StatsRow.ByP95(result).Select(r => new[]
        {
            r.Label, NumberText.Count(r.Stats.RequestCount), NumberText.Count(r.Stats.FailCount), NumberText.Percent(r.Stats.ErrorRate), NumberText.Rate(r.Stats.Rps),
            NumberText.Ms(r.Stats, r.Stats.Latency.MinMs), NumberText.Ms(r.Stats, r.Stats.Latency.MeanMs), NumberText.Ms(r.Stats, r.Stats.Latency.P50Ms),
            NumberText.Ms(r.Stats, r.Stats.Latency.P95Ms), NumberText.Ms(r.Stats, r.Stats.Latency.P99Ms), NumberText.Ms(r.Stats, r.Stats.Latency.MaxMs),
        }));
        var widths = Enumerable.Range(0, header.Length).Select(i => lines.Max(l => l[i].Length)).ToArray();
        foreach (var line in lines)
        {
            for (var i = 0; i < line.Length; i++)
            {
                sb.Append(i == 0 ? line[i].PadRight(widths[i]) : "  " + line[i].PadLeft(widths[i]));
            }

            sb.Append('\n');
        }

        if (result.Thresholds.Count > 0)
        {
            sb.Append('\n');
            foreach (var t in result.Thresholds)
            {
                sb.Append(t.Passed ? "  ✓ " : "  ✗ ").Append(Verdict.Target(t)).Append(": ").Append(t.Expression)
                  .Append(" — ").Append(t.Description).Append('\n');
            }
        }

        return sb.ToString();
    }
}
