using System.Diagnostics;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;
using Npgsql;

namespace LoadHarness.Postgres.Health;

/// <summary>
/// Samples pg_stat_activity once a second on a connection of its own (application name <c>loadharness:monitor</c>,
/// itself not counted): client connections as a share of max_connections (series <c>db.connections</c>, judged by
/// <c>db.connections: max &lt; 0.8</c>), by state (<c>db.connections.state(active)</c>) and by application
/// (<c>db.connections.app(TargetApi)</c>). A failed sample is skipped and counted; the connection is opened again.
/// </summary>
public sealed class ActivitySampler : IAsyncDisposable
{
    public const string ApplicationName = "loadharness:monitor";

    private const string Sql =
        """
        SELECT coalesce(nullif(application_name, ''), '(none)'), coalesce(state, '(none)'), count(*)::bigint,
               current_setting('max_connections')::bigint
        FROM pg_stat_activity
        WHERE backend_type = 'client backend' AND application_name IS DISTINCT FROM 'loadharness:monitor'
        GROUP BY 1, 2
        """;

    private readonly string connectionString;
    private readonly TimeSpan interval;
    private readonly Stopwatch clock = Stopwatch.StartNew();

    /// <summary>When the sampler's clock started: its series count from here (the caller aligns them to the load).</summary>
    public DateTimeOffset StartedUtc { get; } = DateTimeOffset.UtcNow;
    private readonly List<(double TimeSec, long Max, List<(string App, string State, long Count)> Rows)> samples = [];
    private readonly CancellationTokenSource stop = new();
    private NpgsqlConnection? connection;
    private Task? loop;

    private ActivitySampler(string connectionString, TimeSpan interval)
    {
        this.connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = ApplicationName }.ConnectionString;
        this.interval = interval;
    }

    /// <summary>Samples that failed (connection lost, no rights), e.g. for a note.</summary>
    public int FailedSamples { get; private set; }

    /// <summary>The first failure's message, if any.</summary>
    public string? FirstError { get; private set; }

    /// <summary>Starts sampling now and every <paramref name="interval"/> (default 1 s) until <see cref="StopAsync"/>.</summary>
    public static ActivitySampler Start(string connectionString, TimeSpan? interval = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var sampler = new ActivitySampler(connectionString, interval ?? TimeSpan.FromSeconds(1));
        sampler.loop = Task.Run(sampler.RunAsync);
        return sampler;
    }

    /// <summary>Stops, takes a last sample, and returns the series and the peaks.</summary>
    public async Task<(IReadOnlyList<MeasurementSeries> Series, ActivitySummary? Summary)> StopAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        await SampleAsync(CancellationToken.None).ConfigureAwait(false);
        return Build();
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                await SampleAsync(stop.Token).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SampleAsync(CancellationToken ct)
    {
        try
        {
            if (connection is null)
            {
                connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct).ConfigureAwait(false);
            }

            var rows = new List<(string, string, long)>();
            long max = 0;
            await using (var command = new NpgsqlCommand(Sql, connection))
            await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
                    max = reader.GetInt64(3);
                }
            }

            lock (samples)
            {
                samples.Add((Math.Round(clock.Elapsed.TotalSeconds, 3), max, rows));
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            FailedSamples++;
            FirstError ??= e.Message;
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                connection = null;
            }
        }
    }

    private (IReadOnlyList<MeasurementSeries>, ActivitySummary?) Build()
    {
        lock (samples)
        {
            if (samples.Count == 0)
            {
                return ([], null);
            }

            var max = samples.Max(s => s.Max);
            var series = new List<MeasurementSeries>
            {
                new()
                {
                    Name = "db.connections",
                    Unit = ThresholdUnit.Fraction,
                    Group = "Database connections (share of max_connections)",
                    Points = samples.Select(s => new SeriesPoint(s.TimeSec, s.Max > 0 ? (double)s.Rows.Sum(r => r.Count) / s.Max : 0)).ToArray(),
                },
            };
            series.AddRange(Split(r => r.State, "db.connections.state", "Database connections by state"));
            series.AddRange(Split(r => r.App, "db.connections.app", "Database connections by application"));
            var peaks = samples.SelectMany(s => s.Rows).GroupBy(r => (r.App, r.State))
                .Select(g => new ActivityPeak(g.Key.App, g.Key.State, g.Max(r => r.Count)))
                .OrderBy(p => p.Application, StringComparer.Ordinal).ThenBy(p => p.State, StringComparer.Ordinal).ToArray();
            return (series, new ActivitySummary(samples.Max(s => s.Rows.Sum(r => r.Count)), max, peaks));
        }
    }

    private IEnumerable<MeasurementSeries> Split(Func<(string App, string State, long Count), string> key, string prefix, string group) =>
        samples.SelectMany(s => s.Rows.Select(key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(k => new MeasurementSeries
            {
                Name = $"{prefix}({k})",
                Group = group,
                Points = samples.Select(s => new SeriesPoint(s.TimeSec, s.Rows.Where(r => key(r) == k).Sum(r => r.Count))).ToArray(),
            });
}
