using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Reporting.Merge;

/// <summary>
/// Adds the results of several processes (execution segments) into one: histograms added (exact percentiles),
/// counts summed, timelines summed by second, segments listed. Thresholds are judged once, on the merged result:
/// those found in the inputs, except that a scenario named in <c>configured</c> is judged by the configured ones instead.
/// </summary>
public static class ResultMerger
{
    public static RunResult Merge(IEnumerable<RunResult> results, IReadOnlyList<ThresholdDefinition>? configured = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("nothing to merge", nameof(results));
        }

        var first = list[0];
        var durationMs = list.Max(r => r.DurationMs);
        var names = list.SelectMany(r => r.Scenarios.Select(s => s.Name)).Distinct(StringComparer.Ordinal).ToArray();
        var scenarios = names.Select(n => MergeScenario(list.SelectMany(r => r.Scenarios.Where(s => s.Name == n)).ToArray())).ToArray();
        var merged = first with
        {
            Status = list.Any(r => r.Status == RunStatus.Aborted) ? RunStatus.Aborted
                : list.Any(r => r.Status == RunStatus.Interrupted) ? RunStatus.Interrupted : RunStatus.Completed,
            StopReason = list.Select(r => r.StopReason).FirstOrDefault(r => r is not null),
            StartedUtc = list.Min(r => r.StartedUtc),
            EndedUtc = list.Max(r => r.EndedUtc),
            DurationMs = durationMs,
            Segments = list.SelectMany(r => r.Segments).ToArray(),
            Scenarios = scenarios,
            Sections = MergeSections(list),
            Measurements = MergeMeasurements(list),
            Thresholds = [],

            // The busiest segment's generator: one saturated machine is enough to doubt the merged figures.
            Environment = first.Environment with
            {
                GeneratorCpuCores = list.Max(r => r.Environment.GeneratorCpuCores),
                MachineCpuCores = list.Max(r => r.Environment.MachineCpuCores),
            },
        };
        configured ??= [];
        var replaced = configured.Select(t => t.Scenario).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var definitions = list.SelectMany(r => r.Thresholds)
            .DistinctBy(t => (t.Expression, t.Scenario, t.Step))
            .Where(t => t.Scenario is null || !replaced.Contains(t.Scenario))
            .Select(t => new ThresholdDefinition(t.Expression, t.Scenario, t.Step));
        return merged with { Thresholds = ThresholdEvaluator.Evaluate(merged, configured.Concat(definitions).ToArray()) };
    }

    /// <summary>
    /// The first segment's figures of what the segments share (the database, the application, EXPLAIN after the load),
    /// but each process's own counts added: <c>http.retries</c> (before, a merge judged <c>http.retries &lt; 10</c> on the
    /// first segment's resends alone).
    /// </summary>
    private static Measurement[] MergeMeasurements(RunResult[] list) =>
        [.. list[0].Measurements.Select(m => m.Name.StartsWith(FigureSections.RetriesMeasurement, StringComparison.Ordinal)
            ? m with { Value = list.Sum(r => r.Measurements.FirstOrDefault(o => o.Name == m.Name)?.Value ?? 0) }
            : m)];

    /// <summary>
    /// One section per id: the segments each measured the database or application they share (before, a merge of two
    /// had two "Database" sections, and its HTML two elements of one anchor id). The first segment's tables are kept,
    /// with every segment's notes once and one saying whose tables they are.
    /// </summary>
    private static ReportSection[] MergeSections(RunResult[] list) =>
        [.. list.SelectMany(r => r.Sections.Select(s => (Result: r, Section: s)))
            .GroupBy(x => x.Section.Id, StringComparer.Ordinal)
            .Select(g => g.Count() == 1 ? g.First().Section : g.First().Section with
            {
                Notes =
                [
                    .. g.SelectMany(x => x.Section.Notes).Distinct(StringComparer.Ordinal),
                    $"{g.Count()} segments measured this section, each over its own window; the tables are segment {string.Join(", ", g.First().Result.Segments)}'s",
                ],
            })];

    /// <summary>The label (test.labels) of a merge asked for with --allow-partial: what made it partial.</summary>
    public const string PartialLabel = "partial";

    /// <summary>
    /// A merge of an incomplete set of segments, asked for explicitly: labelled <c>partial</c> with what is missing and
    /// judged with one more threshold outcome that never holds, so the gate cannot pass on part of the test.
    /// </summary>
    public static RunResult MarkPartial(RunResult merged, IReadOnlyList<string> coverageProblems)
    {
        ArgumentNullException.ThrowIfNull(merged);
        var why = string.Join("; ", coverageProblems);
        var labels = new Dictionary<string, string>(merged.Test.Labels, StringComparer.Ordinal) { [PartialLabel] = why };
        var outcome = new ThresholdOutcome
        {
            Expression = "segments cover 0:1",
            Metric = "segments",
            Passed = false,
            NoData = true,
            Description = "partial merge: " + why,
        };
        return merged with { Test = merged.Test with { Labels = labels }, Thresholds = [.. merged.Thresholds, outcome] };
    }

    private static ScenarioResult MergeScenario(ScenarioResult[] parts)
    {
        var durationSec = parts.Max(p => p.DurationMs) / 1000;
        var stepNames = parts.SelectMany(p => p.Steps.Select(s => s.Name)).Distinct(StringComparer.Ordinal).ToArray();
        return parts[0] with
        {
            Stats = MergeStats(parts.Select(p => p.Stats).ToArray(), durationSec),
            Steps = stepNames.Select(n =>
            {
                var steps = parts.SelectMany(p => p.Steps.Where(s => s.Name == n)).ToArray();
                return new StepResult
                {
                    Name = n,
                    Stats = MergeStats(steps.Select(s => s.Stats).ToArray(), durationSec),
                    Timeline = MergeTimelines(steps.Select(s => s.Timeline)),
                };
            }).ToArray(),
            Iterations = new IterationCounts
            {
                Started = parts.Sum(p => p.Iterations.Started),
                Completed = parts.Sum(p => p.Iterations.Completed),
                Dropped = parts.Sum(p => p.Iterations.Dropped),
            },
            Timeline = MergeTimelines(parts.Select(p => p.Timeline)),
            PlannedLoad = parts.SelectMany(p => p.PlannedLoad).GroupBy(p => Math.Round(p.TimeSec, 3))
                .OrderBy(g => g.Key).Select(g => new PlanPoint(g.Key, g.Sum(p => p.Value))).ToArray(),
            Checks = parts.SelectMany(p => p.Checks).GroupBy(c => (c.Step, c.Name))
                .Select(g => new CheckResult { Name = g.Key.Name, Step = g.Key.Step, Passes = g.Sum(c => c.Passes), Fails = g.Sum(c => c.Fails) })
                .ToArray(),
            DurationMs = durationSec * 1000,
            PeakVUs = parts.Sum(p => p.PeakVUs),
            StartLateness = WorstOf(parts.Select(p => p.StartLateness).OfType<LatencyStats>().ToArray()),
        };
    }

    /// <summary>Per statistic the worst of the parts (lateness is not encoded as a histogram, so this is an upper bound).</summary>
    private static LatencyStats? WorstOf(LatencyStats[] parts) => parts.Length == 0 ? null : new LatencyStats
    {
        MinMs = parts.Max(p => p.MinMs),
        MeanMs = parts.Max(p => p.MeanMs),
        StdDevMs = parts.Max(p => p.StdDevMs),
        P50Ms = parts.Max(p => p.P50Ms),
        P75Ms = parts.Max(p => p.P75Ms),
        P90Ms = parts.Max(p => p.P90Ms),
        P95Ms = parts.Max(p => p.P95Ms),
        P99Ms = parts.Max(p => p.P99Ms),
        MaxMs = parts.Max(p => p.MaxMs),
    };

    /// <summary>Adds stats blocks exactly (from their histograms); Rps over <paramref name="durationSec"/>.</summary>
    public static StatsBlock MergeStats(IReadOnlyList<StatsBlock> blocks, double durationSec)
    {
        var ok = Histograms.Create();
        var fail = Histograms.Create();
        var codes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var errors = new Dictionary<string, ErrorKindCount>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            ok.Add(HistogramCodec.DecodeOrEmpty(block.OkHistogram));
            fail.Add(HistogramCodec.DecodeOrEmpty(block.FailHistogram));
            foreach (var (code, count) in block.StatusCodes)
            {
                codes[code] = codes.GetValueOrDefault(code) + count;
            }

            foreach (var error in block.Errors)
            {
                errors[error.Kind] = errors.TryGetValue(error.Kind, out var e) ? e with { Count = e.Count + error.Count } : error;
            }
        }

        return StatsBuilder.Build(
            ok,
            fail,
            durationSec,
            blocks.Sum(b => b.BytesTotal),
            blocks.Sum(b => b.ClampedCount),
            codes,
            errors.Values.OrderByDescending(e => e.Count).ThenBy(e => e.Kind, StringComparer.Ordinal).ToArray());
    }

    /// <summary>Sums points of the same second; percentiles of a merged second are the worst of the parts (an upper bound).</summary>
    private static IReadOnlyList<IntervalPoint> MergeTimelines(IEnumerable<IReadOnlyList<IntervalPoint>> timelines) =>
        timelines.SelectMany(t => t).GroupBy(p => Math.Ceiling(p.TimeSec - 1e-6)).OrderBy(g => g.Key).Select(g =>
        {
            var requests = g.Sum(p => p.Requests);
            var fail = g.Sum(p => p.Fail);
            return new IntervalPoint
            {
                TimeSec = g.Key,
                IntervalSec = g.Max(p => p.IntervalSec),
                ActiveVUs = g.Sum(p => p.ActiveVUs),
                TargetRate = g.Sum(p => p.TargetRate),
                Started = g.Sum(p => p.Started),
                Completed = g.Sum(p => p.Completed),
                Dropped = g.Sum(p => p.Dropped),
                Requests = requests,
                Ok = g.Sum(p => p.Ok),
                Fail = fail,
                Rps = g.Sum(p => p.Rps),
                ErrorRate = requests == 0 ? 0 : (double)fail / requests,
                P50Ms = g.Max(p => p.P50Ms),
                P75Ms = g.Max(p => p.P75Ms),
                P95Ms = g.Max(p => p.P95Ms),
                P99Ms = g.Max(p => p.P99Ms),
                MaxMs = g.Max(p => p.MaxMs),
                MeanMs = g.Any(p => p.MeanMs is null) ? null : requests == 0 ? 0 : Math.Round(g.Sum(p => p.MeanMs!.Value * p.Requests) / requests, 3),
            };
        }).ToArray();
}
