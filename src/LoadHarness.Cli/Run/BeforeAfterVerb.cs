using LoadHarness.Core.Catalog;
using LoadHarness.Core.Configuration;
using LoadHarness.Core.Results;
using LoadHarness.Scenarios.BeforeAfter;
using LoadHarness.Scenarios.Embedded;

namespace LoadHarness.Cli.Run;

/// <summary>
/// <c>run --before-after</c>: the seed's "Expected Improvements", measured. On the embedded target started without the
/// index migration: run the test (reports in <c>before/</c>), apply the migration (CHECKPOINT, VACUUM ANALYZE,
/// statistics reset), run it again (<c>after/</c>, whose report carries the before/after section), then write
/// <c>before-after.md</c> beside them and print it. The exit code is the "after" run's gate: that is what ships.
/// </summary>
internal sealed class BeforeAfterVerb(CliContext cli, RunVerb run)
{
    public async Task<(int Exit, string LastLine)> ExecuteAsync(
        RunArguments arguments, RunSettings settings, ScenarioCatalog catalog, EmbeddedTarget target, CancellationToken cancellationToken)
    {
        var root = ReportFolder.Resolve(arguments.OutFolder, settings.ReportFolder, settings.TestName, DateTimeOffset.UtcNow);
        cli.Out.WriteLine("before/after: run 1 of 2, without the index migration");
        var (beforeExit, beforeLine, before) = await run.RunTestAsync(
            arguments, settings, TestDefinitionBuilder.Build(settings, catalog, target.Target), target.Target,
            Path.Combine(root, "before"), null, cancellationToken, Label("before")).ConfigureAwait(false);
        if (before.Status == RunStatus.Interrupted)
        {
            return (beforeExit, beforeLine);
        }

        cli.Out.WriteLine("before/after: applying db/003_performance_indexes.sql, CHECKPOINT, VACUUM ANALYZE, statistics reset");
        await target.ApplyIndexMigrationAsync(cancellationToken).ConfigureAwait(false);
        cli.Out.WriteLine("before/after: run 2 of 2, with the index migration");
        ReportSection? section = null;
        var (afterExit, afterLine, after) = await run.RunTestAsync(
            arguments, settings, TestDefinitionBuilder.Build(settings, catalog, target.Target), target.Target,
            Path.Combine(root, "after"),
            result =>
            {
                section = BeforeAfterTable.Build(before, result);
                return result with { Sections = [.. result.Sections, section] };
            },
            cancellationToken, Label("after")).ConfigureAwait(false);

        if (section is not null)
        {
            var markdown = BeforeAfterTable.ToMarkdown(section);
            await File.WriteAllTextAsync(Path.Combine(root, "before-after.md"), markdown, CancellationToken.None).ConfigureAwait(false);
            cli.Out.WriteLine();
            cli.Out.WriteLine(markdown);
        }

        var verdict = $"before: {Verdict(before)}; after: {Verdict(after)}";
        return (afterExit, $"{verdict}; exit {afterExit} (the 'after' gate); reports: {root} (before/, after/, before-after.md)"
            + (after.Status == RunStatus.Interrupted ? "; " + afterLine : ""));
    }

    private static string Verdict(RunResult result) =>
        result.Status == RunStatus.Interrupted ? "interrupted" : result.Passed && result.Status != RunStatus.Aborted ? "passed" : "failed";

    private static Dictionary<string, string> Label(string phase) => new(StringComparer.Ordinal) { ["migration"] = phase == "before" ? "none (before)" : "applied (after)" };
}
