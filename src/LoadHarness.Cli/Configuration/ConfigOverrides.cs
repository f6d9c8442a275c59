namespace LoadHarness.Cli.Configuration;

/// <summary>The command-line layer, over the JSON file and the environment (<c>LOADHARNESS__...</c>). Null = not given.</summary>
public sealed record ConfigOverrides
{
    public static ConfigOverrides None { get; } = new();

    public IReadOnlyList<string>? TargetScenarios { get; init; }

    public string? ReportFolder { get; init; }

    public IReadOnlyList<string>? ReportFormats { get; init; }

    /// <summary>An execution segment <c>a:b</c> (e.g. <c>0:1/4</c>).</summary>
    public string? Segment { get; init; }

    public double? DurationScale { get; init; }

    public string? ApiBaseUrl { get; init; }

    public string? ConnectionString { get; init; }
}
