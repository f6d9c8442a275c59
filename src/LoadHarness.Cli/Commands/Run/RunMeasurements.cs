using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;
using LoadHarness.Http;
using LoadHarness.Http.Metrics;
using LoadHarness.Postgres.Health;
using LoadHarness.Scenarios.Catalog;
using Npgsql;

namespace LoadHarness.Cli.Commands.Run;

/// <summary>
/// What a run measures beside its load, started just before it and finished just after: with a database target, its
/// counters at the start and the end (the run's deltas: <see cref="DatabaseRunDelta"/>), pg_stat_activity every second
/// (<see cref="ActivitySampler"/>) and the harness's own Npgsql pools; with <c>Target.MetricsUrl</c>, the application's
/// Prometheus endpoint every second (<see cref="MetricsSampler"/>); then any <see cref="IAfterLoadMeasurement"/>.
/// <see cref="FinishAsync"/> adds the measurements, series and sections to the result and judges the thresholds again
/// (measurement thresholds had no data until then). Nothing here throws for a database or endpoint that cannot be read:
/// a note says why, and thresholds on the missing figures say "no data".
/// </summary>
internal sealed class RunMeasurements : IAsyncDisposable
{
    private readonly TargetSettings target;
    private readonly IReadOnlyDictionary<string, string> namedStatements;
    private readonly IReadOnlyList<IAfterLoadMeasurement> afterLoad;
    private readonly List<string> notes = [];
    private DatabaseCounters? start;
    private ActivitySampler? activity;
    private MetricsSampler? metrics;
    private NpgsqlPoolMonitor? pools;
    private GeneratorStallSampler? stalls;
    private IReadOnlyDictionary<(string Scenario, string Step), long> retriesBefore = new Dictionary<(string, string), long>();

    private RunMeasurements(TargetSettings target, IReadOnlyDictionary<string, string> namedStatements, IReadOnlyList<IAfterLoadMeasurement> afterLoad)
    {
        this.target = target;
        this.namedStatements = namedStatements;
        this.afterLoad = afterLoad;
    }

    private bool HasDatabase => !string.IsNullOrWhiteSpace(target.ConnectionString);

    /// <summary>Takes the start counters and starts the samplers the target allows.</summary>
    public static async Task<RunMeasurements> StartAsync(TargetSettings target, IReadOnlyDictionary<string, string> namedStatements,
        IReadOnlyList<IAfterLoadMeasurement>? afterLoad, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var run = new RunMeasurements(target, namedStatements, afterLoad ?? []);
        run.stalls = GeneratorStallSampler.Start();
        run.retriesBefore = HttpRetries.Snapshot();
        if (run.HasDatabase)
        {
            run.pools = new NpgsqlPoolMonitor();
            run.start = await run.CaptureAsync("start", cancellationToken).ConfigureAwait(false);
            run.activity = ActivitySampler.Start(target.ConnectionString!);
        }

        if (!string.IsNullOrWhiteSpace(target.MetricsUrl))
        {
            run.metrics = MetricsSampler.Start(new Uri(target.MetricsUrl), target.Metrics);
        }

        return run;
    }

    /// <summary>The load starts: the harness's pools forget the peaks of their warm-up in the init hooks.</summary>
    public void LoadStarting() => pools?.ResetPeaks();

    /// <summary>Stops the samplers, takes the end counters, adds every figure to <paramref name="result"/> and judges <paramref name="thresholds"/> again.</summary>
    public async Task<RunResult> FinishAsync(RunResult result, IReadOnlyList<ThresholdDefinition> thresholds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var measurements = new List<Measurement>(result.Measurements);
        var series = new List<MeasurementSeries>(result.Series);
        var sections = new List<ReportSection>(result.Sections);
        var generatorNotes = new List<string>();
        if (stalls is not null)
        {
            var (stallSeries, stallNote) = stalls.Stop(result.LoadStartedUtc);
            series.AddRange(stallSeries);
            if (stallNote is not null)
            {
                generatorNotes.Add(stallNote);
            }
        }

        var (retries, retrySection) = HttpRetries.Summarize(retriesBefore, HttpRetries.Snapshot(), result.Scenarios.Select(s => s.Name));
        measurements.Add(retries);
        if (retrySection is not null)
        {
            sections.Add(retrySection);
        }

        if (HasDatabase)
        {
            var (activitySeries, summary) = await activity!.StopAsync().ConfigureAwait(false);
            if (activity.FailedSamples > 0)
            {
                notes.Add($"pg_stat_activity: {activity.FailedSamples} samples failed, the first: {activity.FirstError}");
            }

            series.AddRange(FromLoadStart(activitySeries, activity.StartedUtc, result.LoadStartedUtc));
            var end = await CaptureAsync("end", cancellationToken).ConfigureAwait(false);
            if (start is not null && end is not null)
            {
                var (dbMeasurements, section) = DatabaseRunDelta.Compute(start, end, namedStatements, summary, pools!.Snapshot(), notes);
                measurements.AddRange(dbMeasurements);
                sections.Add(section);
            }
            else
            {
                sections.Add(new ReportSection { Id = DatabaseRunDelta.SectionId, Title = "Database", Notes = [.. notes] });
            }
        }

        if (metrics is not null)
        {
            var (appSeries, section) = await metrics.StopAsync().ConfigureAwait(false);
            series.AddRange(FromLoadStart(appSeries, metrics.StartedUtc, result.LoadStartedUtc));
            sections.Add(section);
        }

        foreach (var measurement in afterLoad)
        {
            var (more, section) = await measurement.MeasureAsync(target, cancellationToken).ConfigureAwait(false);
            measurements.AddRange(more);
            if (section is not null)
            {
                sections.Add(section);
            }
        }

        if (generatorNotes.Count > 0)
        {
            sections.Add(new ReportSection { Id = "generator", Title = "Load generator", Notes = generatorNotes });
        }

        var measured = result with { Measurements = measurements, Series = series, Sections = sections };
        return measured with { Thresholds = NoDataReasons.Explain(ThresholdEvaluator.Rejudge(measured, thresholds), sections) };
    }

    /// <summary>
    /// A sampler's series counted from the start of the load, like the timeline (the samplers start before the
    /// scenarios' init hooks, which may take seconds: pools warmed, users logged in); samples taken before the load
    /// are dropped, so a threshold on a series judges the load, not its preparation.
    /// </summary>
    internal static IEnumerable<MeasurementSeries> FromLoadStart(IEnumerable<MeasurementSeries> series, DateTimeOffset samplerStartedUtc, DateTimeOffset? loadStartedUtc)
    {
        if (loadStartedUtc is not { } load)
        {
            return series;
        }

        var shift = (samplerStartedUtc - load).TotalSeconds;
        return series.Select(s => s with
        {
            Points = [.. s.Points.Select(p => new SeriesPoint(Math.Round(p.TimeSec + shift, 3), p.Value)).Where(p => p.TimeSec >= 0)],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (activity is not null)
        {
            await activity.DisposeAsync().ConfigureAwait(false);
        }

        if (metrics is not null)
        {
            await metrics.DisposeAsync().ConfigureAwait(false);
        }

        pools?.Dispose();
        stalls?.Dispose();
    }

    private async Task<DatabaseCounters?> CaptureAsync(string when, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false, ApplicationName = ActivitySampler.ApplicationName };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await DatabaseCounters.CaptureAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            notes.Add($"database counters at the {when} not read ({e.Message}): the run's database figures have no data");
            return null;
        }
    }
}
