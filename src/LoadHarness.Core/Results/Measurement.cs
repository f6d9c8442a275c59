using LoadHarness.Core.Thresholds;

namespace LoadHarness.Core.Results;

/// <summary>
/// A named figure measured beside the load (by the command, from the database or the application under test), judged
/// by thresholds that name it (<c>db.index_hit_ratio &gt; 0.99</c>, <c>db.statement(unread_count): mean &lt; 5</c>).
/// The engine does not know where it came from: a name, a value and a unit.
/// </summary>
/// <param name="Name">Dotted name, an optional argument in parentheses, an optional statistic after a dot:
/// <c>db.index_hit_ratio</c>, <c>db.seq_scans(notifications)</c>, <c>db.statement(unread_count).mean</c>.</param>
/// <param name="Value">The value in <paramref name="Unit"/>.</param>
/// <param name="Unit">Milliseconds, a fraction (0..1), a percent, a rate or a plain number.</param>
public sealed record Measurement(string Name, double Value, ThresholdUnit Unit);
