using LoadHarness.Scenarios.Catalog;
using LoadHarness.Core.Load;
using LoadHarness.Core.Scenarios;
using Microsoft.Extensions.Configuration;

namespace LoadHarness.Cli.Configuration;

/// <summary>A validated run configuration: nbomber-config.json &lt; environment &lt; command-line flags.</summary>
public sealed record RunSettings
{
    public static readonly TimeSpan DefaultReportingInterval = TimeSpan.FromSeconds(5);

    public string TestSuite { get; init; } = "default";

    public string TestName { get; init; } = "loadtest";

    /// <summary>The config file as given, or null when there was none.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>The scenarios to run, in order (every configured entry when TargetScenarios is not given).</summary>
    public required IReadOnlyList<string> TargetScenarios { get; init; }

    /// <summary>Every ScenariosSettings entry, targeted or not.</summary>
    public IReadOnlyList<ScenarioSettings> Scenarios { get; init; } = [];

    public TargetSettings Target { get; init; } = new();

    public IConfiguration GlobalCustomSettings { get; init; } = CustomSettings.Empty;

    public string ReportFolder { get; init; } = "reports";

    /// <summary>Accepted for NBomber compatibility; the files keep fixed names (result.json, summary.md, ...).</summary>
    public string? ReportFileName { get; init; }

    /// <summary>Canonical lower-case format names.</summary>
    public IReadOnlyList<string> ReportFormats { get; init; } = [];

    public TimeSpan ReportingInterval { get; init; } = DefaultReportingInterval;

    public ExecutionSegment Segment { get; init; } = ExecutionSegment.Whole;

    public double DurationScale { get; init; } = 1;

    /// <summary>True when neither an API nor a database is configured: the command starts the embedded targets.</summary>
    public bool UsesEmbeddedTarget => string.IsNullOrWhiteSpace(Target.ApiBaseUrl) && string.IsNullOrWhiteSpace(Target.ConnectionString);

    public ScenarioSettings? Find(string name) => Scenarios.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}
