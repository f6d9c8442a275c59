using System.Diagnostics;
using System.Globalization;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Http.Metrics;

/// <summary>
/// Scrapes the application's Prometheus endpoint (<c>Target.MetricsUrl</c>) once a second during the run and keeps, as
/// series: its database pool (<see cref="DbClientPool"/>) as <c>app.pool_usage</c> (used ÷ max, judged by
/// <c>app.pool_usage: max &lt; 0.8</c>), <c>app.pool.used</c>, <c>app.pool.idle</c>, <c>app.pool.max</c>,
/// <c>app.pool.pending</c>; and every metric the config names as <c>app.&lt;name&gt;</c> (summed over its labels).
/// A failed scrape is counted, never thrown: an endpoint that never answers leaves no series (thresholds on them say
/// "no data") and a note that says why.
/// </summary>
public sealed class MetricsSampler : IAsyncDisposable
{
    public const string SectionId = FigureSections.AppMetrics;

    private readonly Uri url;
    private readonly IReadOnlyList<string> keep;
    private readonly TimeSpan interval;
    private readonly HttpClient client;
    private readonly Stopwatch clock = Stopwatch.StartNew();

    /// <summary>When the sampler's clock started: its series count from here (the caller aligns them to the load).</summary>
    public DateTimeOffset StartedUtc { get; } = DateTimeOffset.UtcNow;
    private readonly List<(double TimeSec, Dictionary<string, double> Values)> scrapes = [];
    private readonly CancellationTokenSource stop = new();
    private Task? loop;
    private int attempts;
    private int failures;
    private string? firstError;

    private MetricsSampler(Uri url, IReadOnlyList<string> keep, TimeSpan interval)
    {
        this.url = url;
        this.keep = keep;
        this.interval = interval;
        client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    }

    /// <summary>Starts scraping now and every <paramref name="interval"/> (default 1 s) until <see cref="StopAsync"/>.</summary>
    public static MetricsSampler Start(Uri url, IReadOnlyList<string>? keep = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var sampler = new MetricsSampler(url, keep ?? [], interval ?? TimeSpan.FromSeconds(1));
        sampler.loop = Task.Run(sampler.RunAsync);
        return sampler;
    }

    /// <summary>Stops, scrapes once more, and returns the series and the report section (id <see cref="SectionId"/>).</summary>
    public async Task<(IReadOnlyList<MeasurementSeries> Series, ReportSection Section)> StopAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        await ScrapeAsync(CancellationToken.None).ConfigureAwait(false);
        var series = Series();
        return (series, Section(series));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        client.Dispose();
        stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                await ScrapeAsync(stop.Token).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ScrapeAsync(CancellationToken ct)
    {
        attempts++;
        try
        {
            using var response = await client.GetAsync(url, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                Fail(string.Create(CultureInfo.InvariantCulture, $"status {(int)response.StatusCode}"));
                return;
            }

            var samples = PrometheusText.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            if (DbClientPool.Read(samples) is { } pool)
            {
                values["app.pool.used"] = pool.Used;
                values["app.pool.idle"] = pool.Idle;
                values["app.pool.max"] = pool.Max;
                if (pool.Pending is { } pending)
                {
                    values["app.pool.pending"] = pending;
                }

                if (pool.Max > 0)
                {
                    values["app.pool_usage"] = pool.Used / pool.Max;
                }
            }

            foreach (var name in keep)
            {
                var matching = samples.Where(s => s.Name == name).ToArray();
                if (matching.Length > 0)
                {
                    values["app." + name] = matching.Sum(s => s.Value);
                }
            }

            scrapes.Add((Math.Round(clock.Elapsed.TotalSeconds, 3), values));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            attempts--;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Fail(e is TaskCanceledException ? "no answer within 2 s" : e.Message);
        }
    }

    private void Fail(string error)
    {
        failures++;
        firstError ??= error;
    }

    private List<MeasurementSeries> Series()
    {
        var names = scrapes.SelectMany(s => s.Values.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return names.Select(name => new MeasurementSeries
        {
            Name = name,
            Unit = name == "app.pool_usage" ? ThresholdUnit.Fraction : ThresholdUnit.Number,
            Group = name == "app.pool_usage" ? "Application pool usage (share of Max Pool Size)"
                : name.StartsWith("app.pool.", StringComparison.Ordinal) ? "Application connection pool"
                : "Application metrics",
            Points = scrapes.Where(s => s.Values.ContainsKey(name)).Select(s => new SeriesPoint(s.TimeSec, s.Values[name])).ToArray(),
        }).ToList();
    }

    private ReportSection Section(List<MeasurementSeries> series)
    {
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{url}: {attempts - failures} of {attempts} scrapes answered (one a second)."),
        };
        if (failures > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{failures} scrapes failed, the first: {firstError}"));
        }

        if (attempts > failures && !series.Any(s => s.Name == "app.pool_usage"))
        {
            notes.Add($"no database pool metrics ({DbClientPool.CountMetric}, {DbClientPool.MaxMetric}) in the answer: app.pool_usage has no data");
        }

        foreach (var missing in keep.Where(k => !series.Any(s => s.Name == "app." + k)))
        {
            notes.Add($"'{missing}' (Target.Metrics) was not in any answer: app.{missing} has no data");
        }

        return new ReportSection
        {
            Id = SectionId,
            Title = "Application metrics",
            Notes = notes,
            Tables = series.Count == 0 ? [] :
            [
                new ReportTable
                {
                    Title = "Series scraped from the application (thresholds name them: app.pool_usage: max < 0.8)",
                    Columns = ["series", "samples", "min", "mean", "max", "last"],
                    Rows = series.Select(s => (IReadOnlyList<string>)
                    [
                        s.Name, s.Points.Count.ToString(CultureInfo.InvariantCulture), Num(s, s.Points.Min(p => p.Value)),
                        Num(s, s.Points.Average(p => p.Value)), Num(s, s.Points.Max(p => p.Value)), Num(s, s.Points[^1].Value),
                    ]).ToArray(),
                },
            ],
        };
    }

    private static string Num(MeasurementSeries s, double value) => s.Unit == ThresholdUnit.Fraction
        ? (100 * value).ToString("0.#", CultureInfo.InvariantCulture) + " %"
        : value.ToString("0.##", CultureInfo.InvariantCulture);
}
