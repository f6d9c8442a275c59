using LoadHarness.Core.Results;
using LoadHarness.Reporting.Compare;

namespace LoadHarness.Reporting.Trend;

/// <summary>One run's figures for one scenario, as a point of the trend.</summary>
public sealed record TrendPoint(ComparedRun Run, double P50Ms, double P95Ms, double Rps, double ErrorRate, long Requests)
{
    /// <summary>The run's gate: every threshold held and the run completed (not aborted, not interrupted).</summary>
    public bool GatePassed => Run.Result.Passed && Run.Result.Status == RunStatus.Completed;

    public static TrendPoint Of(ComparedRun run, ScenarioResult scenario) =>
        new(run, scenario.Stats.Latency.P50Ms, scenario.Stats.Latency.P95Ms, scenario.Stats.Rps, scenario.Stats.ErrorRate, scenario.Stats.RequestCount);
}

/// <summary>A scenario across runs, in time order (runs without the scenario are left out).</summary>
public sealed record TrendSeries(string Scenario, IReadOnlyList<TrendPoint> Points);
