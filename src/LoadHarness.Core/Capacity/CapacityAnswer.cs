namespace LoadHarness.Core.Capacity;

/// <summary>
/// The end of a search: how it ended, the highest load that held the gate (null when none did), the lowest load
/// known to fail it (null when none did), and the reason in words.
/// </summary>
public sealed record CapacityAnswer
{
    public required SearchOutcome Outcome { get; init; }

    public StepRecord? Sustainable { get; init; }

    public StepRecord? FirstFailing { get; init; }

    public required string Reason { get; init; }

    /// <summary>True when a load that holds the gate was found (exit 0).</summary>
    public bool Found => Sustainable is not null;
}
