namespace LoadHarness.Core.Capacity;

/// <summary>What the search wants next: run <see cref="Load"/> (in <see cref="Phase"/>, for <see cref="Why"/>), or stop with <see cref="Answer"/>.</summary>
public sealed record CapacityDecision
{
    public int Load { get; init; }

    public StepPhase Phase { get; init; }

    public string Why { get; init; } = "";

    public CapacityAnswer? Answer { get; init; }

    public bool IsFinished => Answer is not null;

    public static CapacityDecision Run(int load, StepPhase phase, string why) => new() { Load = load, Phase = phase, Why = why };

    public static CapacityDecision Stop(CapacityAnswer answer) => new() { Answer = answer };
}
