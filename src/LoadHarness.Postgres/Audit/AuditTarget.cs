namespace LoadHarness.Postgres.Audit;

/// <summary>One of the seed's database targets, measured: "index hit ratio 99.8 % (target > 99 %)".</summary>
/// <param name="Name">What is measured.</param>
/// <param name="Value">The measured value (null: no data in the window).</param>
/// <param name="Unit">"%", "ms" or "count".</param>
/// <param name="Target">The target as text ("> 99 %").</param>
/// <param name="Met">Whether the value meets it (null: no data).</param>
public sealed record AuditTarget(string Name, double? Value, string Unit, string Target, bool? Met);
