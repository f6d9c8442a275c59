using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Compare;

/// <summary>One result taking part in a comparison: where it was read from and what it holds.</summary>
public sealed record ComparedRun(string Source, RunResult Result)
{
    /// <summary>Build label, commit and start time (<see cref="RunNames.Of"/>).</summary>
    public string Name => RunNames.Of(Result);
}
