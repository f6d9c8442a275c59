using LoadHarness.Core.Results;

namespace LoadHarness.Core.Capacity;

/// <summary>What one step says about the load it ran.</summary>
public enum StepVerdict
{
    /// <summary>Every gate threshold held.</summary>
    Passed,

    /// <summary>A gate threshold was crossed (the system, not the generator).</summary>
    Failed,

    /// <summary>Errors exploded (the error guard aborted the step, or the error rate reached the explosion rate).</summary>
    ErrorsExploded,

    /// <summary>The generator, not the system, was the limit: its figures do not describe the target.</summary>
    GeneratorLimited,

    Interrupted,
}

/// <summary>A step's verdict, in words, with the gate thresholds it crossed (empty unless <see cref="StepVerdict.Failed"/>).</summary>
public sealed record StepJudgement(StepVerdict Verdict, string Reason, IReadOnlyList<ThresholdOutcome> Crossed)
{
    public bool IsGood => Verdict == StepVerdict.Passed;
}
