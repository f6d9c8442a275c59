using LoadHarness.Reporting.Compare;
using LoadHarness.Reporting.Merge;

namespace LoadHarness.Reporting.Trend;

/// <summary>
/// Many runs of one test in time order: p50, p95, RPS and error rate per scenario with each run's gate, and the latest
/// run judged against the previous <see cref="Window"/> runs that measured the same thing (the same comparison as
/// <c>compare --baseline</c>: several baselines, so the run-to-run noise is part of the verdict).
/// </summary>
public sealed record TrendAnalysis
{
    public const int DefaultWindow = 10;

    /// <summary>Fewer comparable earlier runs than this: the latest is not judged.</summary>
    public const int MinHistory = 2;

    /// <summary>The trended runs, oldest first.</summary>
    public required IReadOnlyList<ComparedRun> Runs { get; init; }

    public required IReadOnlyList<TrendSeries> Scenarios { get; init; }

    public required int Window { get; init; }

    /// <summary>The latest run against the previous comparable runs; null with too little history.</summary>
    public BuildComparison? Latest { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    public string TestName => Runs.Count == 0 ? "" : Comparability.TestTitle(Runs[^1].Result.Test);

    public static TrendAnalysis Compute(IReadOnlyList<ComparedRun> runs, int window = DefaultWindow, CompareOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var ordered = runs.OrderBy(r => r.Result.StartedUtc).ThenBy(r => r.Source, StringComparer.Ordinal).ToList();
        var notes = new List<string>();

        // An execution segment's result is a part of one run's load (its merge is the run). Beside whole runs, the parts
        // are left out: a half-load point is not a slower build, and a part run last is not the latest run.
        var whole = ordered.Where(r => SegmentCoverage.IsWholeLoad(r.Result)).ToList();
        if (whole.Count > 0 && whole.Count < ordered.Count)
        {
            notes.Add($"{ordered.Count - whole.Count} result(s) of a part of the load left out (execution segments, or a partial merge): the merged result is the run");
            ordered = whole;
        }

        var latest = ordered[^1];

        // One test: the latest run's. Runs of other tests in the same folder are left out, and said.
        var others = ordered.Where(r => !SameTest(r, latest)).ToList();
        if (others.Count > 0)
        {
            notes.Add($"{others.Count} run(s) of other tests left out ({string.Join(", ", others.Select(r => Comparability.TestTitle(r.Result.Test)).Distinct().Take(3))})");
        }

        var trended = ordered.Where(r => SameTest(r, latest)).ToList();
        var names = trended.SelectMany(r => r.Result.Scenarios.Select(s => s.Name)).Distinct(StringComparer.Ordinal).ToList();
        var series = names.Select(name => new TrendSeries(name, [.. trended
            .Where(r => r.Result.Scenarios.Any(s => s.Name == name))
            .Select(r => TrendPoint.Of(r, r.Result.Scenarios.First(s => s.Name == name)))])).ToList();

        var earlier = trended.Take(trended.Count - 1).ToList();
        var comparable = earlier.Where(r => Comparability.Problems(latest.Result, r.Result).Count == 0).TakeLast(window).ToList();
        var skipped = earlier.Count(r => Comparability.Problems(latest.Result, r.Result).Count > 0);
        if (skipped > 0)
        {
            notes.Add($"{skipped} earlier run(s) measured something else (scenarios, load plan, segments or thresholds) and are not part of the latest run's judgement");
        }

        BuildComparison? judged = null;
        if (comparable.Count >= MinHistory)
        {
            judged = BuildComparison.Compute(comparable, [latest], options);
        }
        else
        {
            notes.Add($"the latest run is not judged: {comparable.Count} comparable earlier run(s), {MinHistory} needed");
        }

        return new TrendAnalysis { Runs = trended, Scenarios = series, Window = window, Latest = judged, Notes = notes };
    }

    /// <summary>"REGRESSION", "NO REGRESSION" or "NOT JUDGED" for the latest run.</summary>
    public string Headline => Latest is null ? "NOT JUDGED" : ComparisonText.Headline(Latest);

    private static bool SameTest(ComparedRun a, ComparedRun b) => Comparability.SameTest(a.Result.Test, b.Result.Test);
}
