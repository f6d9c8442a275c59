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
        // k6's tag filters scope it as Scenario/Step do; both given, they must agree.
        if (Parsed.ScenarioTag is { } scenarioTag && scenario is not null && !string.Equals(scenarioTag, scenario, StringComparison.Ordinal))
        {
            throw new ThresholdParseException(expression, expression.IndexOf('{', StringComparison.Ordinal),
                $"tag scenario:{scenarioTag} names another scenario than the one it belongs to ('{scenario}')");
        }

        if (Parsed.StepTag is { } stepTag && step is not null && !string.Equals(stepTag, step, StringComparison.Ordinal))
        {
            throw new ThresholdParseException(expression, expression.IndexOf('{', StringComparison.Ordinal),
                $"tag name:{stepTag} names another step than its Step ('{step}')");
        }

        Scenario = scenario ?? Parsed.ScenarioTag;
        Step = step ?? Parsed.StepTag;
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
