namespace LoadHarness.Core.Capacity;

/// <summary>One step the search ran: its number (1-based), why it ran, what it measured and how it was judged.</summary>
public sealed record StepRecord(int Number, StepPhase Phase, StepObservation Observation, StepJudgement Judgement)
{
    public int Load => Observation.Load;
}
