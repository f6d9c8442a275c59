using LoadHarness.Core.Results;
using LoadHarness.Reporting.BeforeAfter;

namespace LoadHarness.Cli.Embedded;

/// <summary>Two runs of the same test on the embedded target: without the index migration, then with it.</summary>
/// <param name="Before">The run without db/003_performance_indexes.sql.</param>
/// <param name="After">The run after it, or null when the before run was interrupted (nothing more was run).</param>
/// <param name="Section">The before/after table (Id "before-after"), or null without an after run.</param>
public sealed record BeforeAfterResult(RunResult Before, RunResult? After, ReportSection? Section)
{
    /// <summary>The table as Markdown (for the console and the md report), or "" without an after run.</summary>
    public string Markdown => Section is null ? "" : BeforeAfterTable.ToMarkdown(Section);
}
