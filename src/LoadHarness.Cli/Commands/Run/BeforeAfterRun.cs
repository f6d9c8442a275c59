using LoadHarness.Scenarios.Catalog;
using LoadHarness.Cli.Configuration;
using LoadHarness.Core.Results;
using LoadHarness.Cli.Embedded;
using LoadHarness.Reporting.BeforeAfter;
using LoadHarness.Cli.Output;
using LoadHarness.Postgres.Scenarios;

namespace LoadHarness.Cli.Commands.Run;

/// <summary>
/// <c>run --before-after</c>: the seed's "Expected Improvements", measured by <see cref="BeforeAfterRunner"/> on the
/// embedded target started without the index migration. Each run writes its reports (<c>before/</c>, <c>after/</c>;
/// the "after" report carries the before/after section), then <c>before-after.md</c> is written beside them and
/// printed. The exit code is the "after" run's gate: that is what ships.
/// </summary>
internal sealed class BeforeAfterRun(CliContext cli, RunCommandHandler run)
{
    public async Task<(int Exit, string LastLine)> ExecuteAsync(
        RunArguments arguments, RunSettings settings, ScenarioCatalog catalog, EmbeddedTarget target, SqlParameterCache sqlRows, CancellationToken cancellationToken)
    {
        var root = ReportFolder.Resolve(arguments.OutFolder, settings.ReportFolder, settings.TestName, DateTimeOffset.UtcNow);
        RunResult? before = null;
        (int Exit, string Line) last = default;

        async Task<RunResult> RunOnceAsync(TargetSettings targetSettings, CancellationToken ct)
        {
            // The runner applies the migration between its two runs, so the target says which run this is.
            var phase = target.IndexMigrationApplied ? "after" : "before";
            Func<RunResult, RunResult>? withSection = before is { } first
                ? result => result with { Sections = [.. result.Sections, BeforeAfterTable.Build(first, result)] }
                : null;
            var (exit, line, result) = await run.RunTestAsync(
                arguments, settings, TestDefinitionBuilder.Build(settings, catalog, targetSettings with { Metrics = settings.Target.Metrics }, sqlRows), targetSettings,
                Path.Combine(root, phase), withSection, ct, Label(phase)).ConfigureAwait(false);
            before ??= result;
            last = (exit, line);
            return result;
        }

        var outcome = await BeforeAfterRunner.RunAsync(target, RunOnceAsync, cli.Out.WriteLine, cancellationToken).ConfigureAwait(false);
        if (outcome.After is not { } after || outcome.Section is null)
        {
            return last; // the "before" run was interrupted
        }

        await File.WriteAllTextAsync(Path.Combine(root, "before-after.md"), outcome.Markdown, CancellationToken.None).ConfigureAwait(false);
        cli.Out.WriteLine();
        cli.Out.WriteLine(outcome.Markdown);
        var verdict = $"before: {Verdict(outcome.Before)}; after: {Verdict(after)}";
        return (last.Exit, $"{verdict}; exit {last.Exit} (the 'after' gate); reports: {root} (before/, after/, before-after.md)"
            + (after.Status == RunStatus.Interrupted ? "; " + last.Line : ""));
    }

    private static string Verdict(RunResult result) =>
        result.Status == RunStatus.Interrupted ? "interrupted" : result.Passed && result.Status != RunStatus.Aborted ? "passed" : "failed";

    private static Dictionary<string, string> Label(string phase) => new(StringComparer.Ordinal) { ["migration"] = phase == "before" ? "none (before)" : "applied (after)" };
}
