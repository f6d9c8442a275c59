using LoadHarness.Postgres.Audit;

namespace LoadHarness.Cli.Commands.Audit;

/// <summary>What <c>loadharness audit</c> was asked.</summary>
internal sealed record AuditArguments
{
    public string? ConfigPath { get; init; }

    public string? ConnectionString { get; init; }

    public TimeSpan? Interval { get; init; }

    public AuditSeverity? FailOn { get; init; }

    public string? OutFolder { get; init; }

    public IReadOnlyList<string>? Schemas { get; init; }

    public long? BigTableRows { get; init; }

    public bool WithoutIndexMigration { get; init; }

    /// <summary>Embedded default: runs of each configured query as the audited traffic.</summary>
    public int TrafficRuns { get; init; } = 20;

    /// <summary>The command line for the page's footer, the connection string masked.</summary>
    public string CommandLine()
    {
        var parts = new List<string> { "loadharness audit" };
        if (ConfigPath is not null)
        {
            parts.Add("-c " + ConfigPath);
        }

        if (ConnectionString is not null)
        {
            parts.Add("--connection-string ***");
        }

        if (Interval is { } interval)
        {
            parts.Add("--interval " + Math.Round(interval.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + "s");
        }

        if (FailOn is { } failOn)
        {
            parts.Add("--fail-on " + failOn.ToString().ToLowerInvariant());
        }

        if (WithoutIndexMigration)
        {
            parts.Add("--without-index-migration");
        }

        return string.Join(' ', parts);
    }
}
