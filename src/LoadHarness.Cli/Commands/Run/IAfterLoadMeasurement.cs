using LoadHarness.Core.Results;
using LoadHarness.Scenarios.Catalog;

namespace LoadHarness.Cli.Commands.Run;

/// <summary>
/// A figure taken once the load has ended, before thresholds are judged again (<see cref="RunMeasurements"/>). The
/// place for the seed's EXPLAIN ANALYZE targets after the load (<c>explain(unread_count): p(95) &lt; 5</c>): issue 15's
/// QueryBench (the config's <c>Queries</c> section) plugs in here as one implementation returning measurements named
/// <c>explain(&lt;query&gt;).p95</c> (and .mean, .max) and its own report section. None is registered yet.
/// </summary>
internal interface IAfterLoadMeasurement
{
    Task<(IReadOnlyList<Measurement> Measurements, ReportSection? Section)> MeasureAsync(TargetSettings target, CancellationToken cancellationToken);
}
