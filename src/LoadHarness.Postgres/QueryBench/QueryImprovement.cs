namespace LoadHarness.Postgres.QueryBench;

/// <summary>One query before and after a change (the seed's "Expected Improvements", measured).</summary>
/// <param name="Name">The query.</param>
/// <param name="Target">Its target as text, or null.</param>
/// <param name="BeforeMedianMs">Median execution time before.</param>
/// <param name="AfterMedianMs">Median execution time after.</param>
/// <param name="BeforePlan">Its scans before, e.g. "Seq Scan (notifications)".</param>
/// <param name="AfterPlan">Its scans after, e.g. "Index Only Scan (idx_notifications_user_unread)".</param>
/// <param name="MetBefore">Target met before (null: no target or an error).</param>
/// <param name="MetAfter">Target met after.</param>
public sealed record QueryImprovement(string Name, string? Target, double BeforeMedianMs, double AfterMedianMs, string BeforePlan, string AfterPlan,
    bool? MetBefore, bool? MetAfter)
{
    /// <summary>Before / after (2.0 = twice as fast), or null when after is zero.</summary>
    public double? SpeedUp => AfterMedianMs > 0 ? BeforeMedianMs / AfterMedianMs : null;
}
