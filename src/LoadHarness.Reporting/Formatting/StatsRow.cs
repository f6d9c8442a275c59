using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Formatting;

/// <summary>One line of a stats table: a scenario (Step null) or one of its steps.</summary>
internal sealed record StatsRow(string Scenario, string? Step, StatsBlock Stats)
{
    /// <summary>"scenario" or "scenario.step", as JUnit class names and CSV keys use it.</summary>
    public string Key => Step is null ? Scenario : Scenario + "." + Step;

    public string Label => Step is null ? Scenario : "  " + Step;

    /// <summary>Scenario rows ordered by p95 (slowest first), each followed by its steps ordered the same way.</summary>
    public static IReadOnlyList<StatsRow> ByP95(RunResult result) =>
        [.. result.Scenarios
            .OrderByDescending(s => Safe(s.Stats.Latency.P95Ms))
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .SelectMany(s => Rows(s, s.Steps.OrderByDescending(st => Safe(st.Stats.Latency.P95Ms))))];

    /// <summary>Scenario rows in result order, each followed by its steps in first-seen order.</summary>
    public static IReadOnlyList<StatsRow> InOrder(RunResult result) =>
        [.. result.Scenarios.SelectMany(s => Rows(s, s.Steps))];

    /// <summary>The stats that hold the requests of a scenario: its steps when it has any, else its own.</summary>
    public static IEnumerable<StatsBlock> Leaves(ScenarioResult scenario) =>
        scenario.Steps.Count == 0 ? [scenario.Stats] : scenario.Steps.Select(s => s.Stats);

    /// <summary>
    /// Whether some request of <paramref name="stats"/> got a status code: the status-code tables and chart leave out
    /// the rest (a Sql scenario's requests all have <see cref="StatsBlock.NoStatusCode"/>, a table of which says nothing).
    /// </summary>
    public static bool HasStatusCodes(StatsBlock stats) => stats.StatusCodes.Any(c => c.Key != StatsBlock.NoStatusCode && c.Value > 0);

    /// <summary>
    /// Under a stats table whose scenarios have steps: what the scenario's row times, against what a threshold judges
    /// (its requests: <see cref="ScenarioResult.RequestStats"/>), so a threshold's p(95) that differs from the row's reads as meant.
    /// </summary>
    public static string? ScenarioRowNote(RunResult result) => result.Scenarios.Any(s => s.Steps.Count > 0)
        ? "A scenario's row times its whole iterations (its steps together, without think time); the rows below it each request. Thresholds judge requests."
        : null;

    private static IEnumerable<StatsRow> Rows(ScenarioResult s, IEnumerable<StepResult> steps) =>
        steps.Select(st => new StatsRow(s.Name, st.Name, st.Stats)).Prepend(new StatsRow(s.Name, null, s.Stats));

    private static double Safe(double value) => double.IsFinite(value) ? value : 0;
}
