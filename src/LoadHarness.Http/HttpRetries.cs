using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Http;

/// <summary>
/// Requests sent a second time, on a new connection, because the kept-alive connection they went out on turned out
/// closed by the server before any byte of the response came back (idempotent requests only, see
/// <see cref="HttpRequestTemplate.Idempotent"/>). Counted per scenario and step since the process started, by both
/// transports; a retry that succeeded is not a failure, so this is where it shows. Requests nothing of which had been
/// sent are sent again without being counted (a connection found closed before use is simply not used).
/// </summary>
public static class HttpRetries
{
    private static readonly ConcurrentDictionary<(string Scenario, string Step), StrongBox<long>> Counts = new();

    /// <summary>Retries of every step of <paramref name="scenario"/>.</summary>
    public static long OfScenario(string scenario) =>
        Counts.Where(c => c.Key.Scenario == scenario).Sum(c => Volatile.Read(ref c.Value.Value));

    public static long Of(string scenario, string step) =>
        Counts.TryGetValue((scenario, step), out var count) ? Volatile.Read(ref count.Value) : 0;

    /// <summary>Every (scenario, step) that retried, with its count.</summary>
    public static IReadOnlyDictionary<(string Scenario, string Step), long> Snapshot() =>
        Counts.ToDictionary(c => c.Key, c => Volatile.Read(ref c.Value.Value));

    /// <summary>The measurement a run's result carries: requests sent again during the run (0 when none, so a threshold on it always has data).</summary>
    public const string MeasurementName = LoadHarness.Core.Results.FigureSections.RetriesMeasurement;

    /// <summary>
    /// What a run's result says of its retries, from <see cref="Snapshot"/> taken before and after the run: the total of
    /// <paramref name="scenarios"/> as <see cref="MeasurementName"/>, and, when any request was sent again, a report
    /// section naming the steps (a retry that succeeded is not a failure, so the result shows it here).
    /// </summary>
    public static (Measurement Total, ReportSection? Section) Summarize(
        IReadOnlyDictionary<(string Scenario, string Step), long> before,
        IReadOnlyDictionary<(string Scenario, string Step), long> after,
        IEnumerable<string> scenarios)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var names = scenarios.ToHashSet(StringComparer.Ordinal);
        var steps = after
            .Where(a => names.Contains(a.Key.Scenario))
            .Select(a => (a.Key.Scenario, a.Key.Step, Count: a.Value - before.GetValueOrDefault(a.Key)))
            .Where(s => s.Count > 0)
            .OrderBy(s => s.Scenario, StringComparer.Ordinal).ThenBy(s => s.Step, StringComparer.Ordinal)
            .ToList();
        var total = steps.Sum(s => s.Count);
        var measurement = new Measurement(MeasurementName, total, ThresholdUnit.Number);
        if (total == 0)
        {
            return (measurement, null);
        }

        var where = string.Join(", ", steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Scenario}/{s.Step} {s.Count}")));
        return (measurement, new ReportSection
        {
            Id = FigureSections.HttpRetries,
            Title = "HTTP retries",
            Notes =
            [
                string.Create(CultureInfo.InvariantCulture,
                    $"{total} request(s) sent a second time, on a new connection: the kept-alive connection they went out on was closed by the server before any byte of the answer came back (idempotent requests only; a retry that got its answer is not a failure; measurement {MeasurementName}): {where}"),
            ],
        });
    }

    internal static void Count(string scenario, string step) =>
        Interlocked.Increment(ref Counts.GetOrAdd((scenario, step), static _ => new StrongBox<long>()).Value);
}
