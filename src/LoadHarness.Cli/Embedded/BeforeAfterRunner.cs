using LoadHarness.Scenarios.Catalog;
using LoadHarness.Core.Results;
using LoadHarness.Cli.Embedded;
using LoadHarness.Reporting.BeforeAfter;

namespace LoadHarness.Cli.Embedded;

/// <summary>
/// The seed's "Expected Improvements", measured: starts the embedded target without the index migration, runs the
/// test, applies the migration (CHECKPOINT, VACUUM ANALYZE, statistics reset), runs it again, stops the target, and
/// builds the before/after table. <c>runOnce</c> builds the scenarios for the given target and runs them (the
/// command: its whole config; a test: a few scenarios through <c>LoadRunner</c>).
/// </summary>
public static class BeforeAfterRunner
{
    public static async Task<BeforeAfterResult> RunAsync(
        Func<TargetSettings, CancellationToken, Task<RunResult>> runOnce,
        EmbeddedTargetOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runOnce);
        ArgumentNullException.ThrowIfNull(options);
        await using var target = await EmbeddedTarget.StartAsync(options with { ApplyIndexMigration = false }, cancellationToken)
            .ConfigureAwait(false);
        return await RunAsync(target, runOnce, options.Log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>On a target already started without the migration (it is applied between the runs; the target is not stopped).</summary>
    public static async Task<BeforeAfterResult> RunAsync(
        EmbeddedTarget target,
        Func<TargetSettings, CancellationToken, Task<RunResult>> runOnce,
        Action<string>? log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(runOnce);
        if (target.IndexMigrationApplied)
        {
            throw new InvalidOperationException("before/after needs a target without the index migration (EmbeddedTargetOptions.ApplyIndexMigration = false)");
        }

        log?.Invoke("before/after: run 1 of 2, without the index migration");
        var before = await runOnce(target.Target, cancellationToken).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested || before.Status == RunStatus.Interrupted)
        {
            return new BeforeAfterResult(before, null, null);
        }

        await target.ApplyIndexMigrationAsync(cancellationToken).ConfigureAwait(false);
        log?.Invoke("before/after: run 2 of 2, with the index migration");
        var after = await runOnce(target.Target, cancellationToken).ConfigureAwait(false);
        return new BeforeAfterResult(before, after, BeforeAfterTable.Build(before, after));
    }
}
