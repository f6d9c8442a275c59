namespace LoadHarness.Core.Capacity;

/// <summary>How a capacity search ended.</summary>
public enum SearchOutcome
{
    /// <summary>The gate was crossed and the bisection narrowed the knee to the resolution.</summary>
    KneeFound,

    /// <summary>The maximum load held the gate: the capacity is at least that.</summary>
    LimitReached,

    /// <summary>Even the first step crossed the gate (twice, when failures are confirmed).</summary>
    FirstStepFailed,

    /// <summary>The generator, not the system, became the limit: the answer is a lower bound.</summary>
    GeneratorLimited,

    /// <summary>Errors exploded at a load; the search stopped there instead of hammering a dead system.</summary>
    ErrorsExploded,

    /// <summary>The step budget ran out before the knee was narrowed to the resolution.</summary>
    StepBudgetSpent,

    Interrupted,
}
