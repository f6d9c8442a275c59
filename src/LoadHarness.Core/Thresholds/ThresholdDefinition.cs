namespace LoadHarness.Core.Thresholds;

/// <summary>
/// A threshold: an expression (see <see cref="ThresholdExpression"/>) scoped to everything, a scenario, or a step,
/// optionally stopping the run when it is crossed (<paramref name="abortOnFail"/>, checked every second after
/// <paramref name="delayAbortEval"/>). Parsed on construction: a bad expression throws <see cref="ThresholdParseException"/>.
/// </summary>
public sealed record ThresholdDefinition
{
    public ThresholdDefinition(string expression, string? scenario = null, string? step = null, bool abortOnFail = false, TimeSpan? delayAbortEval = null)
    {
        Parsed = ThresholdExpression.Parse(expression);
        Expression = expression;
        Scenario = scenario;
        Step = step;
        AbortOnFail = abortOnFail;
        DelayAbortEval = delayAbortEval ?? TimeSpan.Zero;
    }

    public string Expression { get; }

    /// <summary>The scenario it judges, or null for every scenario together.</summary>
    public string? Scenario { get; init; }

    /// <summary>The step within <see cref="Scenario"/>, or null for the scenario level.</summary>
    public string? Step { get; init; }

    public bool AbortOnFail { get; init; }

    /// <summary>How long after the start abortOnFail waits before judging (k6 delayAbortEval).</summary>
    public TimeSpan DelayAbortEval { get; init; }

    public ThresholdExpression Parsed { get; }

    public override string ToString() =>
        (Scenario is null ? "" : Scenario + (Step is null ? "" : "/" + Step) + ": ") + Expression;
}
