namespace LoadHarness.Cli.Commands.Capacity;

/// <summary>What <c>capacity</c> was asked for on the command line; null = not given (the config's Capacity section or a default applies).</summary>
internal sealed record CapacityArguments
{
    public string? ConfigPath { get; init; }

    /// <summary>capacity --url: the scenario under search is this quick run's (no config file).</summary>
    public Configuration.QuickRunOptions? QuickRun { get; init; }

    public string? Scenario { get; init; }

    public IReadOnlyList<string>? Gate { get; init; }

    public int? StepVUs { get; init; }

    public int? StepRate { get; init; }

    public int? Start { get; init; }

    public string? StepDuration { get; init; }

    public string? WarmUp { get; init; }

    public int? MaxVUs { get; init; }

    public int? MaxRate { get; init; }

    public string? Resolution { get; init; }

    public int? MaxSteps { get; init; }

    public bool NoConfirm { get; init; }

    public string? ThinkTime { get; init; }

    public string? OutFolder { get; init; }

    public string? ReportFolder { get; init; }

    public string? Segment { get; init; }

    public string? ApiBaseUrl { get; init; }

    /// <summary>--search-id: the same for every segment of one search (a Job's uid); empty = not given.</summary>
    public string? SearchId { get; init; }

    public string? SegmentWait { get; init; }

    /// <summary>Search twice on the embedded default: without the index migration, then with it.</summary>
    public bool BeforeAfter { get; init; }
}
