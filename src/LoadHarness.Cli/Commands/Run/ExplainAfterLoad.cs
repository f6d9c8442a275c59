using System.Globalization;
using LoadHarness.Cli.Configuration;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;
using LoadHarness.Postgres.QueryBench;
using LoadHarness.Scenarios.Catalog;
using Npgsql;

namespace LoadHarness.Cli.Commands.Run;

/// <summary>
/// The seed's per-query targets where it meant them: once the load has ended, every query of the config's <c>Queries</c>
/// section that an <c>explain(name)</c> threshold names is run with EXPLAIN (ANALYZE, BUFFERS) by
/// <see cref="QueryBenchRunner"/> (as <c>bench-queries</c> runs it: parameters drawn from real rows, each run rolled
/// back), and its server-side execution times become measurements <c>explain(name).p95</c>, <c>.med</c>, <c>.mean</c>,
/// <c>.min</c>, <c>.max</c> (and any other statistic a threshold asks for; a bare <c>explain(name)</c> is the p95, as a
/// bare target is), with a report section. A query that cannot run, a name not configured or no database target give
/// a note and "no data", never an exception.
/// </summary>
internal sealed class ExplainAfterLoad : IAfterLoadMeasurement
{
    public const string SectionId = FigureSections.Explain;

    /// <summary>Measured runs per query when the query sets no Runs: enough for a p95 (the 19th of 20), cheap after a load.</summary>
    public const int DefaultRuns = 20;

    private static readonly (string Suffix, string Statistic, double Percentile)[] Standard =
    [
        ("min", "min", 0), ("med", "median", 50), ("mean", "avg", 0), ("p95", "p(95)", 95), ("p99", "p(99)", 99), ("max", "max", 100),
    ];

    private readonly IReadOnlyList<BenchQuery> queries;
    private readonly IReadOnlyList<string> missing;
    private readonly IReadOnlyList<ThresholdExpression> expressions;
    private readonly QueryBenchOptions options;

    private ExplainAfterLoad(IReadOnlyList<BenchQuery> queries, IReadOnlyList<string> missing, IReadOnlyList<ThresholdExpression> expressions, QueryBenchOptions options)
    {
        this.queries = queries;
        this.missing = missing;
        this.expressions = expressions;
        this.options = options;
    }

    /// <summary>The measurement for the <c>explain(name)</c> thresholds among <paramref name="thresholds"/>, or null when there are none.</summary>
    public static ExplainAfterLoad? For(IEnumerable<ThresholdDefinition> thresholds, IReadOnlyList<BenchQuery> configured, QueryBenchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(configured);
        var expressions = thresholds.Select(t => t.Parsed).Where(e => ExplainThresholds.QueryName(e) is not null).ToArray();
        if (expressions.Length == 0)
        {
            return null;
        }

        var names = expressions.Select(e => ExplainThresholds.QueryName(e)!).Distinct(StringComparer.Ordinal).ToArray();
        return new ExplainAfterLoad(
            configured.Where(q => names.Contains(q.Name, StringComparer.Ordinal)).ToArray(),
            names.Where(n => !configured.Any(q => q.Name == n)).ToArray(),
            expressions,
            options ?? new QueryBenchOptions { Runs = DefaultRuns });
    }

    public async Task<(IReadOnlyList<Measurement> Measurements, ReportSection? Section)> MeasureAsync(TargetSettings target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var notes = new List<string>();
        var measurements = new List<Measurement>();
        foreach (var name in missing)
        {
            notes.Add($"explain({name}): no query named '{name}' in the config's Queries section: no data");
        }

        if (string.IsNullOrWhiteSpace(target.ConnectionString))
        {
            notes.Add("no database target (Target.ConnectionString): the explain(...) thresholds have no data");
            return (measurements, Section(notes, []));
        }

        if (queries.Count == 0)
        {
            return (measurements, Section(notes, []));
        }

        QueryBenchReport report;
        try
        {
            report = await QueryBenchRunner.RunAsync(target.ConnectionString, queries, options, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            notes.Add($"EXPLAIN after the load did not run ({e.Message}): the explain(...) thresholds have no data");
            return (measurements, Section(notes, []));
        }

        foreach (var result in report.Queries)
        {
            if (result.Error is not null || result.ExecutionTimesMs.Count == 0)
            {
                notes.Add($"explain({result.Name}): could not run ({result.Error ?? "no runs"}): no data");
                continue;
            }

            measurements.AddRange(Measure(result));
            if (result.BigSequentialScans.Count > 0)
            {
                notes.Add($"explain({result.Name}): its plan reads {string.Join(", ", result.BigSequentialScans)} sequentially");
            }
        }

        notes.AddRange(report.Notes);
        return (measurements, Section(notes, report.Queries));
    }

    /// <summary>The standard statistics of one query, plus any other a threshold on it asks for.</summary>
    private IEnumerable<Measurement> Measure(QueryBenchResult result)
    {
        var prefix = $"explain({result.Name})";
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (suffix, statistic, percentile) in Standard)
        {
            keys.Add(suffix);
            yield return new Measurement(prefix + "." + suffix, result.Execution(statistic, percentile), ThresholdUnit.Milliseconds);
        }

        yield return new Measurement(prefix, result.Execution("p(95)", 95), ThresholdUnit.Milliseconds);
        foreach (var e in expressions.Where(e => ExplainThresholds.QueryName(e) == result.Name && e.Stat == ThresholdStat.Percentile))
        {
            var suffix = e.MeasurementKey![(prefix.Length + 1)..];
            if (keys.Add(suffix))
            {
                yield return new Measurement(e.MeasurementKey, result.Execution("p", e.Percentile), ThresholdUnit.Milliseconds);
            }
        }
    }

    private ReportSection Section(List<string> notes, IReadOnlyList<QueryBenchResult> results) => new()
    {
        Id = SectionId,
        Title = "EXPLAIN ANALYZE after the load (server-side execution time per query)",
        Notes = [.. notes.Distinct(StringComparer.Ordinal)],
        Tables = results.Count == 0 ? [] :
        [
            new ReportTable
            {
                Title = "Queries (explain(name): the config's Queries section)",
                Columns = ["query", "runs", "median ms", "p95 ms", "max ms", "planning median ms", "plan", "thresholds"],
                Rows = [.. results.Select(Row)],
            },
        ],
    };

    private IReadOnlyList<string> Row(QueryBenchResult r)
    {
        var thresholds = string.Join("; ", expressions.Where(e => ExplainThresholds.QueryName(e) == r.Name).Select(e => e.Text).Distinct(StringComparer.Ordinal));
        if (r.Error is not null)
        {
            return [r.Name, "0", "-", "-", "-", "-", "error: " + r.Error, thresholds];
        }

        var plan = r.Scans.Count == 0 ? string.Join(" > ", r.NodeTypes) : string.Join(", ", r.Scans.Select(s => s.ToString()).Distinct(StringComparer.Ordinal));
        return [r.Name, Number(r.Runs), Ms(r.ExecutionMedianMs), Ms(r.ExecutionP95Ms), Ms(r.ExecutionMaxMs), Ms(r.PlanningMedianMs), plan, thresholds];
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms.ToString(ms < 1 ? "0.000" : "0.00", CultureInfo.InvariantCulture);
}
