using System.Globalization;
using LoadHarness.Core.Results;

namespace LoadHarness.Cli.Output;

/// <summary>
/// The end-of-test summary, like k6's: per scenario and step count, RPS, min/mean/p50/p95/p99/max (ms), error %,
/// then each threshold ✓/✗ with the observed value. Plain text, invariant numbers, works on a terminal and in CI logs.
/// </summary>
internal static class RunSummary
{
    private static readonly string[] Header = ["", "count", "rps", "min", "mean", "p50", "p95", "p99", "max", "err %"];

    private const int MaxErrorKinds = 3;

    public static void Write(TextWriter output, RunResult result)
    {
        var status = result.Status switch
        {
            RunStatus.Completed => "completed",
            RunStatus.Aborted => "ABORTED",
            _ => "INTERRUPTED",
        };
        output.WriteLine();
        var reason = result.StopReason is null ? "" : $" ({result.StopReason})";
        output.WriteLine(Invariant($"  {result.Test.TestSuite} / {result.Test.TestName}: {status} in {result.DurationMs / 1000:0.0} s, segment {string.Join(", ", result.Segments)}{reason}"));
        if (result.Environment.GeneratorCpuCores is { } cores)
        {
            var processors = result.Environment.ProcessorCount;
            output.WriteLine("  generator CPU " + GeneratorLoad.Describe(cores, processors)
                + (result.Environment.MachineCpuCores is { } machine ? "; the whole machine " + GeneratorLoad.Describe(machine, processors) : ""));
            if (GeneratorLoad.IsNearLimit(cores, processors))
            {
                output.WriteLine("  ! " + GeneratorLoad.Warning);
            }
        }
        foreach (var scenario in result.Scenarios)
        {
            output.WriteLine();
            var dropped = scenario.Iterations.Dropped > 0 ? Invariant($", {scenario.Iterations.Dropped} dropped") : "";
            // As k6's "N complete and M interrupted iterations": started and never completed (cut after GracefulStop).
            var interrupted = scenario.Iterations.Started - scenario.Iterations.Completed;
            dropped = (interrupted > 0 ? Invariant($", {interrupted} interrupted") : "") + dropped;
            output.WriteLine(Invariant($"  scenario {scenario.Name} ({scenario.Model.ToString().ToLowerInvariant()}, {scenario.DurationMs / 1000:0.0} s, peak {scenario.PeakVUs} VUs, {scenario.Iterations.Completed} iterations{dropped})"));
            if (DroppedLine(scenario) is { } droppedLine)
            {
                output.WriteLine(droppedLine);
            }

            var rows = new List<string[]> { Header, Row(scenario.Name, scenario.Stats) };
            rows.AddRange(scenario.Steps.Select(step => Row("  " + step.Name, step.Stats)));
            WriteTable(output, rows, scenario.Steps.Count == 0 ? "(latency in ms)"
                : "(latency in ms; the first row times whole iterations without think time, the rows below it each request: thresholds judge requests)");
            if (scenario.StartLateness is { } late)
            {
                output.WriteLine(Invariant($"    start lateness p50/p99/max {late.P50Ms:0.0}/{late.P99Ms:0.0}/{late.MaxMs:0.0} ms"));
            }

            // The requests' codes (its steps'), as thresholds judge them: an iteration carries one step's code only.
            var codes = scenario.RequestStats().SelectMany(r => r.StatusCodes)
                .GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Value), StringComparer.Ordinal);
            foreach (var line in StatusLines(codes))
            {
                output.WriteLine(line);
            }

            foreach (var check in scenario.Checks)
            {
                var mark = check.Fails == 0 ? "✓" : "✗";
                output.WriteLine(Invariant($"    {mark} check {(check.Step is null ? "" : check.Step + ": ")}{check.Name}  {check.PassRate * 100:0.00}% ({check.Passes} ✓ / {check.Fails} ✗)"));
            }

            // What failed, as k6 prints its request errors: the most frequent kinds, each with its first message.
            foreach (var error in scenario.Stats.Errors.Take(MaxErrorKinds))
            {
                output.WriteLine(Invariant($"    ✗ {error.Kind}: {error.Count}") + (error.FirstMessage is { } first ? $" (first: {Shorten(first)})" : ""));
            }

            if (scenario.Stats.Errors.Count > MaxErrorKinds)
            {
                output.WriteLine(Invariant($"    … {scenario.Stats.Errors.Count - MaxErrorKinds} more kinds of error in the reports"));
            }
        }

        output.WriteLine();
        if (result.Thresholds.Count == 0)
        {
            var (requests, failed) = result.RequestCounts();
            output.WriteLine(failed == 0
                ? "  thresholds: none"
                : Invariant($"  thresholds: none, so nothing gates this run although {failed} of {requests} requests failed (k6's http_req_failed gate: \"rate < 0.01\")"));
            return;
        }

        output.WriteLine("  thresholds");
        foreach (var t in result.Thresholds)
        {
            var scope = t.Scenario is null ? "all" : t.Scenario + (t.Step is null ? "" : "/" + t.Step);
            output.WriteLine($"    {(t.Passed ? "✓" : "✗")} {scope}: {t.Expression}  ({t.Description}){(t.AbortedRun ? "  [aborted the run]" : "")}");
        }
    }

    /// <summary>
    /// An open model that could not start its arrivals, as k6's "Insufficient VUs" warning: every VU was busy. Said when
    /// more than 1 % of the planned iterations were dropped; null otherwise.
    /// </summary>
    internal static string? DroppedLine(ScenarioResult scenario)
    {
        var dropped = scenario.Iterations.Dropped;
        var planned = scenario.Iterations.Started + dropped;
        if (planned == 0 || dropped * 100 <= planned)
        {
            return null;
        }

        var line = Invariant($"    ! {dropped:N0} of {planned:N0} planned iterations ({100.0 * dropped / planned:0.#} %) were dropped: all {scenario.PeakVUs} VUs were busy, so the rate was not held");
        var rate = scenario.PlannedLoad.Count == 0 ? 0 : scenario.PlannedLoad.Max(p => p.Value);
        var meanMs = scenario.Stats.Latency.MeanMs;
        if (rate <= 0 || meanMs <= 0)
        {
            return line + " (raise MaxVUs, --vus on a quick run)";
        }

        // Little's law: whether more VUs would hold it, or the iterations' own time (the system) is the limit.
        var needed = (long)Math.Ceiling(rate * meanMs / 1000);
        return line + Invariant($". At {rate:N0} iterations/s, iterations of {meanMs:N1} ms on average need ≈ {needed:N0} VUs (Little's law): raise MaxVUs (--vus on a quick run) if the system can take that many at once; if their time grew with the load, the system is the limit");
    }

    /// <summary>
    /// The answers by status code when any was not a 2xx, as hey prints its distribution: an error rate of 0 % says
    /// nothing of a URL that answered 301 every time (a redirect is an answer of its own unless followed), so the
    /// 1 ms latency above it was the redirect's. None when every answer was a 2xx (or none had a status code).
    /// </summary>
    internal static IEnumerable<string> StatusLines(IReadOnlyDictionary<string, long> codes)
    {
        var answered = codes.Where(c => c.Key != StatsBlock.NoStatusCode).OrderBy(c => c.Key, StringComparer.Ordinal).ToArray();
        if (answered.All(c => c.Key.StartsWith('2')))
        {
            yield break;
        }

        var total = answered.Sum(c => c.Value);
        yield return "    status codes: " + string.Join(", ", answered.Select(c => Invariant($"{c.Key} × {c.Value:N0} ({100.0 * c.Value / total:0.##} %)")));
        if (answered.Any(c => c.Key.StartsWith('3')))
        {
            yield return "    3xx answers were not followed (k6 and hey follow redirects): \"FollowRedirects\": true in the Http section, --follow-redirects on a quick run";
        }
    }

    private static string[] Row(string name, StatsBlock s) =>
    [
        name,
        s.RequestCount.ToString(CultureInfo.InvariantCulture),
        ProgressText.Number(s.Rps),
        ProgressText.Ms(s.Latency.MinMs),
        ProgressText.Ms(s.Latency.MeanMs),
        ProgressText.Ms(s.Latency.P50Ms),
        ProgressText.Ms(s.Latency.P95Ms),
        ProgressText.Ms(s.Latency.P99Ms),
        ProgressText.Ms(s.Latency.MaxMs),
        (s.ErrorRate * 100).ToString("0.00", CultureInfo.InvariantCulture),
    ];

    private static void WriteTable(TextWriter output, List<string[]> rows, string footer)
    {
        var widths = Enumerable.Range(0, Header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
            output.WriteLine("    " + string.Join("  ", cells));
        }

        output.WriteLine("    " + footer);
    }

    private static string Shorten(string message)
    {
        message = message.ReplaceLineEndings(" ");
        return message.Length <= 320 ? message : message[..319] + "…";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
