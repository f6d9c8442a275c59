using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Compare;

/// <summary>A scenario's or step's stats and timeline in a result, by name.</summary>
internal static class Scopes
{
    public static (StatsBlock Stats, IReadOnlyList<IntervalPoint> Timeline) Of(RunResult result, string scenario, string? step)
    {
        var s = result.Scenarios.First(x => x.Name == scenario);
        if (step is null)
        {
            return (s.Stats, s.Timeline);
        }

        var st = s.Steps.First(x => x.Name == step);
        return (st.Stats, st.Timeline);
    }
}
