using System.Globalization;

namespace LoadHarness.Cli.Commands.BenchQueries;

/// <summary>What <c>loadharness bench-queries</c> was asked.</summary>
internal sealed record BenchQueriesArguments
{
    public string? ConfigPath { get; init; }

    public string? ConnectionString { get; init; }

    public int? Runs { get; init; }

    public long? BigTableRows { get; init; }

    public bool FailOnSeqScan { get; init; }

    public string? OutFolder { get; init; }

    public bool BeforeAfter { get; init; }

    public bool WithoutIndexMigration { get; init; }

    /// <summary>The command line for the page's footer, the connection string masked.</summary>
    public string CommandLine()
    {
        var parts = new List<string> { "loadharness bench-queries" };
        if (ConfigPath is not null)
        {
            parts.Add("-c " + ConfigPath);
        }

        if (ConnectionString is not null)
        {
            parts.Add("--connection-string ***");
        }

        if (Runs is { } runs)
        {
            parts.Add("--runs " + runs.ToString(CultureInfo.InvariantCulture));
        }

        if (FailOnSeqScan)
        {
            parts.Add("--fail-on-seq-scan");
        }

        if (BeforeAfter)
        {
            parts.Add("--before-after");
        }

        if (WithoutIndexMigration)
        {
            parts.Add("--without-index-migration");
        }

        return string.Join(' ', parts);
    }
}
