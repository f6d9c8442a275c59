using System.Globalization;
using HdrHistogram;
using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;

namespace LoadHarness.Core.Thresholds;

/// <summary>
/// Judges thresholds on a <see cref="RunResult"/> (final, provisional or merged), from its histograms, so a merged
/// result is judged exactly like a single run. Scope: every scenario, one scenario, or one step. The requests of a
/// scenario are its steps (or its iterations when it has none).
/// </summary>
public static class ThresholdEvaluator
{
    public static IReadOnlyList<ThresholdOutcome> Evaluate(RunResult result, IEnumerable<ThresholdDefinition> thresholds, ThresholdDefinition? abortedBy = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(thresholds);
        var cache = new Dictionary<(string?, string?, bool), ScopeData>();
        try
        {
            return EvaluateScopes(result, thresholds, abortedBy, cache);
        }
        finally
        {
            foreach (var data in cache.Values)
            {
                data.Return();
            }
        }
    }

    private static ThresholdOutcome[] EvaluateScopes(
        RunResult result, IEnumerable<ThresholdDefinition> thresholds, ThresholdDefinition? abortedBy, Dictionary<(string?, string?, bool), ScopeData> cache)
    {
        return thresholds.Select(t =>
        {
            ThresholdOutcome outcome;
            if (t.Parsed.Metric == ThresholdMetric.Measurement)
            {
                var (value, unit, limit) = MeasurementObservation.Observe(t.Parsed, result);
                outcome = Judge(t, value, unit, limit);
            }
            else
            {
                // iteration_duration reads the scenarios' own rows (whole iterations), every other figure their requests.
                var iterations = t.Parsed.Metric == ThresholdMetric.IterationDuration;
                var key = (t.Scenario, iterations ? null : t.Step, iterations);
                if (!cache.TryGetValue(key, out var data))
                {
                    cache[key] = data = ScopeData.From(result, t.Scenario, key.Item2, iterations);
                }

                outcome = Judge(t, Observe(t.Parsed, data), t.Parsed.Unit, t.Parsed.Limit, NoDataReason(t.Parsed, data));
            }

            return outcome with { AbortedRun = ReferenceEquals(t, abortedBy) };
        }).ToArray();
    }

    public static ThresholdOutcome Evaluate(RunResult result, ThresholdDefinition threshold) =>
        Evaluate(result, [threshold])[0];

    /// <summary>
    /// Judges <paramref name="thresholds"/> again on <paramref name="result"/> after measurements were added to it (the
    /// command measures the database and the application once the load ended): the threshold that aborted the run stays
    /// marked so, and outcomes of the run that no definition makes (a scenario whose init failed) are kept.
    /// </summary>
    public static IReadOnlyList<ThresholdOutcome> Rejudge(RunResult result, IReadOnlyList<ThresholdDefinition> thresholds)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(thresholds);
        var aborted = result.Thresholds.FirstOrDefault(o => o.AbortedRun);
        var abortedBy = aborted is null ? null
            : thresholds.FirstOrDefault(t => t.Expression == aborted.Expression && t.Scenario == aborted.Scenario && t.Step == aborted.Step);
        var judged = Evaluate(result, thresholds, abortedBy);

        // Outcomes the run made without a definition ("init succeeds") stay, before the judged ones.
        var defined = thresholds.Select(t => (t.Expression, t.Scenario, t.Step)).ToHashSet();
        return [.. result.Thresholds.Where(o => !defined.Contains((o.Expression, o.Scenario, o.Step))), .. judged];
    }

    /// <summary>The unit of a threshold's observed value: the expression's, or for a measurement the unit of the figure in <paramref name="result"/>.</summary>
    public static ThresholdUnit UnitOf(ThresholdExpression expression, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression.Metric == ThresholdMetric.Measurement ? MeasurementObservation.Observe(expression, result).Unit : expression.Unit;
    }

    private static ThresholdOutcome Judge(ThresholdDefinition threshold, double? observed, ThresholdUnit unitKind, double limitValue, string? noDataReason = null)
    {
        var e = threshold.Parsed;
        var unit = unitKind switch
        {
            ThresholdUnit.Milliseconds => " ms",
            ThresholdUnit.Percent => " %",
            _ => "",
        };
        var limit = $"limit {ThresholdExpression.OperatorText(e.Operator)} {Format(limitValue)}{unit}";
        var noData = new ThresholdOutcome
        {
            Expression = threshold.Expression,
            Scenario = threshold.Scenario,
            Step = threshold.Step,
            Metric = e.MetricName,
            Kind = e.Metric,
            Stat = e.Stat,
            Unit = unitKind,
            Passed = false,
            NoData = true,
            Description = $"{e.MetricName}: no data ({limit})" + (noDataReason is null ? "" : ": " + noDataReason),
        };
        return observed is not { } value ? noData : noData with
        {
            Passed = e.Compare(value, limitValue),
            NoData = false,
            Observed = value,
            Description = $"{e.MetricName}={Format(value)}{unit}, {limit}",
        };
    }

    private static double? Observe(ThresholdExpression e, ScopeData d)
    {
        var requests = d.Ok.TotalCount + d.Fail.TotalCount;
        switch (e.Metric)
        {
            case ThresholdMetric.Latency:
            case ThresholdMetric.IterationDuration:
            case ThresholdMetric.OkLatency:
            case ThresholdMetric.FailLatency:
                var h = e.Metric == ThresholdMetric.OkLatency ? d.Ok : e.Metric == ThresholdMetric.FailLatency ? d.Fail : d.All;
                if (e.Stat == ThresholdStat.Count)
                {
                    return h.TotalCount;
                }

                return h.TotalCount == 0 ? null : e.Stat switch
                {
                    ThresholdStat.Percentile => h.GetValueAtPercentile(e.Percentile) / 1000.0,
                    ThresholdStat.Med => h.GetValueAtPercentile(50) / 1000.0,
                    ThresholdStat.Avg => h.GetMean() / 1000.0,
                    ThresholdStat.Min => LatencyStatsCalculator.MinValue(h) / 1000.0,
                    _ => h.GetMaxValue() / 1000.0,
                };
            case ThresholdMetric.Requests:
                return e.Stat == ThresholdStat.Rps ? Rate(requests, d.DurationSec) : requests;
            case ThresholdMetric.OkRequests:
            case ThresholdMetric.FailedRequests:
                var count = e.Metric == ThresholdMetric.OkRequests ? d.Ok.TotalCount : d.Fail.TotalCount;
                return Share(e.Stat, count, requests, d.DurationSec);
            case ThresholdMetric.StatusCode:
                var code = d.StatusCodes.GetValueOrDefault(e.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "");
                return Share(e.Stat, code, requests, d.DurationSec);
            case ThresholdMetric.Checks:
                var checks = d.ChecksPassed + d.ChecksFailed;
                return e.Stat == ThresholdStat.Count ? d.ChecksFailed
                    : checks == 0 ? null
                    : e.Stat == ThresholdStat.Percent ? 100.0 * d.ChecksPassed / checks : (double)d.ChecksPassed / checks;
            default:
                return e.Stat switch
                {
                    ThresholdStat.Dropped => d.Dropped,
                    ThresholdStat.Rps => Rate(d.IterationsCompleted, d.DurationSec),
                    _ => d.IterationsCompleted,
                };
        }
    }

    /// <summary>
    /// Why a request figure of <paramref name="d"/> can have no data, said in the outcome where the verdict is read
    /// (before: <c>checks: no data (limit &gt; 0.99)</c>, exit 99, for a scenario that declares no check at all).
    /// </summary>
    private static string? NoDataReason(ThresholdExpression e, ScopeData d) =>
        e.Metric == ThresholdMetric.Checks && d.ChecksPassed + d.ChecksFailed == 0
            ? "no check ran (checks come from an Http request's \"Checks\", --check on a quick run, or ctx.Check in C#)"
            : d.Ok.TotalCount + d.Fail.TotalCount == 0 ? (e.Metric == ThresholdMetric.IterationDuration ? "no iteration was recorded" : "no request was recorded")
            : null;

    private static double? Share(ThresholdStat stat, long count, long requests, double durationSec) => stat switch
    {
        ThresholdStat.Count => count,
        ThresholdStat.Rps => Rate(count, durationSec),
        ThresholdStat.Percent => requests == 0 ? null : 100.0 * count / requests,
        _ => requests == 0 ? null : (double)count / requests,
    };

    private static double Rate(long count, double seconds) => seconds > 0 ? count / seconds : 0;

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private sealed class ScopeData
    {
        public required LongHistogram Ok { get; init; }

        public required LongHistogram Fail { get; init; }

        public required LongHistogram All { get; init; }

        public double DurationSec { get; init; }

        public long Dropped { get; init; }

        public long IterationsCompleted { get; init; }

        public long ChecksPassed { get; init; }

        public long ChecksFailed { get; init; }

        public required Dictionary<string, long> StatusCodes { get; init; }

        public static ScopeData From(RunResult result, string? scenario, string? step, bool iterations = false)
        {
            var scenarios = result.Scenarios.Where(s => scenario is null || s.Name == scenario).ToArray();
            var ok = Rent();
            var fail = Rent();
            var codes = new Dictionary<string, long>(StringComparer.Ordinal);
            long passed = 0, failed = 0;
            foreach (var s in scenarios)
            {
                var blocks = iterations ? [s.Stats] : step is not null ? s.Steps.Where(x => x.Name == step).Select(x => x.Stats) : s.RequestStats();
                foreach (var block in blocks)
                {
                    Add(ok, block.LiveOk, block.OkHistogram);
                    Add(fail, block.LiveFail, block.FailHistogram);
                    foreach (var (code, count) in block.StatusCodes)
                    {
                        codes[code] = codes.GetValueOrDefault(code) + count;
                    }
                }

                foreach (var check in s.Checks.Where(c => step is null || c.Step == step))
                {
                    passed += check.Passes;
                    failed += check.Fails;
                }
            }

            var all = Rent();
            all.Add(ok);
            all.Add(fail);
            return new ScopeData
            {
                Ok = ok,
                Fail = fail,
                All = all,
                DurationSec = scenario is null ? result.DurationMs / 1000 : scenarios.Sum(s => s.DurationMs) / 1000,
                Dropped = scenarios.Sum(s => s.Iterations.Dropped),
                IterationsCompleted = scenarios.Sum(s => s.Iterations.Completed),
                ChecksPassed = passed,
                ChecksFailed = failed,
                StatusCodes = codes,
            };
        }

        /// <summary>Gives the histograms back for the next judgement (the monitor judges every second; each is ~190 KB).</summary>
        public void Return()
        {
            foreach (var h in new[] { Ok, Fail, All })
            {
                if (Pool.Count < MaxPooled)
                {
                    h.Reset();
                    Pool.Add(h);
                }
            }
        }

        private static LongHistogram Rent() => Pool.TryTake(out var h) ? h : Histograms.Create();

        /// <summary>A provisional block's live histogram, else the encoded one (absent adds nothing).</summary>
        private static void Add(LongHistogram into, HistogramBase? live, string? encoded)
        {
            if (live is not null)
            {
                into.Add(live);
            }
            else if (!string.IsNullOrEmpty(encoded))
            {
                into.Add(HistogramCodec.Decode(encoded));
            }
        }
    }

    private const int MaxPooled = 12;

    private static readonly System.Collections.Concurrent.ConcurrentBag<LongHistogram> Pool = [];
}
