namespace LoadHarness.Cli.Configuration;

/// <summary>Validated settings, or every problem found (then <see cref="Settings"/> is null).</summary>
public sealed record ConfigLoadResult(RunSettings? Settings, IReadOnlyList<ConfigProblem> Problems)
{
    public bool IsValid => Settings is not null && Problems.Count == 0;
}
