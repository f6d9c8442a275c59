using LoadHarness.Cli.Commands.Run;
using LoadHarness.Cli.Configuration;
using LoadHarness.Cli.Embedded;
using LoadHarness.Cli.Output;
using LoadHarness.Core.Capacity;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Capacity;
using LoadHarness.Scenarios.Catalog;

namespace LoadHarness.Cli.Commands.Capacity;

/// <summary>
/// <c>capacity</c>: validate (exit 2), start the embedded target when none is configured, then let Core's pure
/// <see cref="CapacitySearch"/> choose each step's load while this runs the steps for real; write capacity.json, .md
/// and .html and end with the answer in one line. Exit 0 when a load held the gate, 99 when none did, 130 interrupted
/// (the steps so far and the report are kept).
/// </summary>
internal sealed class CapacityVerb(CliContext cli)
{
    public async Task<int> ExecuteAsync(CapacityArguments arguments, CancellationToken cancellationToken)
    {
        var catalog = CliCatalog.Create();
        var overrides = new ConfigOverrides
        {
            TargetScenarios = arguments.Scenario is null ? null : [arguments.Scenario],
            ReportFolder = arguments.ReportFolder,
            Segment = arguments.Segment,
            ApiBaseUrl = arguments.ApiBaseUrl,
        };
        var load = arguments.QuickRun is { } quick
            ? CliCatalog.Loader(catalog).LoadJson(QuickRunConfig.Build(quick), null, overrides)
            : CliCatalog.Loader(catalog).Load(arguments.ConfigPath, overrides);
        if (!load.IsValid)
        {
            ProblemPrinter.Print(cli, arguments.QuickRun is null ? null : "capacity", arguments.ConfigPath, load.Problems);
            if (arguments.QuickRun is null && arguments.ConfigPath is null)
            {
                ProblemPrinter.NoConfigHint(cli, "capacity");
            }

            return ExitCodes.InvalidInput;
        }

        var (plan, problems) = CapacityConfigReader.Read(load.Settings!, arguments, name => ModelOf(load.Settings!, name));
        if (plan is null)
        {
            ProblemPrinter.Print(cli, arguments.ConfigPath ?? (arguments.QuickRun is null ? null : "capacity --url"), problems);
            return ExitCodes.InvalidInput;
        }

        if (arguments.BeforeAfter && (!load.Settings!.UsesEmbeddedTarget || !load.Settings.Segment.IsWhole))
        {
            cli.Problem("--before-after needs the embedded default and the whole load: Target.ApiBaseUrl and Target.ConnectionString must both be "
                + "empty and --segment not given (it starts the sample database without the index migration, then applies it between the two searches)");
            return ExitCodes.InvalidInput;
        }

        if (!load.Settings!.Segment.IsWhole && arguments.OutFolder is null)
        {
            cli.Problem($"--segment {load.Settings.Segment} needs --out: the folder, shared by every segment's process, where each step's segments meet");
            return ExitCodes.InvalidInput;
        }

        // Only the scenario under search runs; result.json alone per step (`loadharness report` renders any of them).
        var settings = load.Settings! with { TargetScenarios = [plan.Scenario], ReportFormats = [] };
        EmbeddedTarget? embedded = null;
        try
        {
            var needs = EmbeddedTargetScope.Needs(settings, catalog);
            if (needs != ScenarioRequirements.None)
            {
                cli.Out.WriteLine($"no Target configured: {EmbeddedTargetScope.Describe(needs)}...");
                embedded = await EmbeddedTargetScope.StartAsync(settings, needs, line => cli.Out.WriteLine("  " + Redactor.Text(line)), cancellationToken,
                    applyIndexMigration: arguments.BeforeAfter ? false : null).ConfigureAwait(false);
            }

            var folder = ReportFolder.Resolve(arguments.OutFolder, settings.ReportFolder, (arguments.QuickRun is null ? settings.TestName : QuickRunConfig.TestSuite) + "-capacity", DateTimeOffset.UtcNow);
            if (!arguments.BeforeAfter)
            {
                return (await SearchAsync(settings, plan, catalog, embedded, folder, cancellationToken).ConfigureAwait(false)).Exit;
            }

            return await BeforeAfterAsync(settings, plan, catalog, embedded!, folder, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cli.Problem("interrupted before the first step; nothing was run");
            return ExitCodes.Interrupted;
        }
        finally
        {
            if (embedded is not null)
            {
                await embedded.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Two searches on one embedded target: before/ without the index migration, after/ with it; the table beside them.</summary>
    private async Task<int> BeforeAfterAsync(
        RunSettings settings, CapacityPlan plan, ScenarioCatalog catalog, EmbeddedTarget embedded, string folder, CancellationToken cancellationToken)
    {
        cli.Out.WriteLine("before/after: search 1 of 2, without the index migration");
        var (_, before) = await SearchAsync(settings, plan, catalog, embedded, Path.Combine(folder, "before"), cancellationToken).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested || before.Answer.Outcome == SearchOutcome.Interrupted)
        {
            return ExitCodes.Interrupted;
        }

        await embedded.ApplyIndexMigrationAsync(cancellationToken).ConfigureAwait(false);
        cli.Out.WriteLine();
        cli.Out.WriteLine("before/after: search 2 of 2, with the index migration");
        var (exit, after) = await SearchAsync(settings, plan, catalog, embedded, Path.Combine(folder, "after"), cancellationToken).ConfigureAwait(false);
        var markdown = CapacityBeforeAfter.Markdown(before, after);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "capacity-before-after.md"), markdown, CancellationToken.None).ConfigureAwait(false);
        cli.Out.WriteLine();
        cli.Out.WriteLine(markdown);
        cli.Out.WriteLine($"exit {exit} (the 'after' search's); reports: {folder} (before/, after/, capacity-before-after.md)");
        return exit;
    }

    private async Task<(int Exit, CapacityResult Capacity)> SearchAsync(
        RunSettings settings, CapacityPlan plan, ScenarioCatalog catalog, EmbeddedTarget? embedded, string folder, CancellationToken cancellationToken)
    {
        var target = embedded?.Target ?? settings.Target;
        var test = TestDefinitionBuilder.Build(settings, catalog, target);
        var scenario = test.Scenarios.Single();
        var quiet = cli.Verbose ? cli : new CliContext(TextWriter.Null, cli.Err, isTerminal: false);
        var runner = new CapacityStepRunner(new RunCommandHandler(quiet), settings, plan, scenario, test, target);
        var gate = runner.Gate.Select(t => t.Step is null ? t.Expression : $"{t.Step}: {t.Expression}").ToArray();
        var thinkTime = plan.ThinkTime ?? (scenario.ThinkTimeMax > TimeSpan.Zero ? (scenario.ThinkTimeMin + scenario.ThinkTimeMax) / 2 : TimeSpan.FromSeconds(1));
        var startedUtc = DateTimeOffset.UtcNow;
        var window = await SearchWindow.StartAsync(folder, !settings.Segment.IsWhole, startedUtc, plan.SearchId, plan.SegmentWait).ConfigureAwait(false);
        CapacityConsole.Plan(cli.Out, plan, gate, settings.Segment.IsWhole ? "" : $"; this process runs segment {settings.Segment} of each step's load"
            + (plan.SearchId is null ? "" : $" of search {plan.SearchId}"));

        var search = new CapacitySearch(plan.Search);
        var rows = new List<CapacityStepResult>();
        var runs = new List<RunResult>();
        var decision = search.Start();
        int? exitOverride = null;
        if (!settings.Segment.IsWhole)
        {
            // Every segment starts step 1 together, as every later step: the step is the whole load at once.
            try
            {
                var hint = "every pod must run `capacity` with the same config, the same --out on a shared volume, its own segment of i/N:(i+1)/N"
                    + (window.SearchId is null ? ", and, when a search may have run there before, the same --search-id (capacity-job.yaml passes the Job's uid)" : $" and --search-id {window.SearchId}");
                window = window with
                {
                    RollCall = await SegmentRollCall.GatherAsync(
                        Path.Combine(folder, SegmentRollCall.Folder), "--out", settings.Segment, window.SearchId, window.StartedUtc, window.IsThisSearchs, "search", hint,
                        window.SegmentWait, TimeProvider.System, cli.Out, cancellationToken).ConfigureAwait(false),
                };
            }
            catch (TimeoutException e)
            {
                cli.Problem(e.Message);
                search.Interrupt("never started: the search's segments were not all here");
                exitOverride = ExitCodes.HarnessError;
            }
        }

        while (exitOverride is null && !decision.IsFinished)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                search.Interrupt();
                break;
            }

            var number = search.Steps.Count + 1;
            CapacityConsole.Starting(cli.Out, number, decision, plan.Search);
            if (embedded is not null)
            {
                // Each step's database section (pg_stat_*, pg_stat_statements) starts from zero.
                await embedded.ResetStatisticsAsync(CancellationToken.None).ConfigureAwait(false);
            }

            StepObservation observation;
            RunResult result;
            string path;
            try
            {
                (observation, result, path) = await runner.RunAsync(decision, number, folder, window, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                cli.Problem(e.Message);
                search.Interrupt($"stopped at step {number}: its segments never added up to the whole load");
                exitOverride = ExitCodes.HarnessError;
                break;
            }

            decision = search.Next(observation);
            var step = search.Steps[^1];
            rows.Add(StepMeasurement.Row(step, result, scenario.Name, plan.StepDuration, path));
            runs.Add(result);
            CapacityConsole.Done(cli.Out, step);
        }

        var capacity = CapacityResultBuilder.Build(
            search, rows, runs, plan, gate, thinkTime, settings.TestSuite, settings.TestName, settings.ConfigPath, settings.Segment.ToString(), startedUtc, DateTimeOffset.UtcNow);

        // Segments: every process judged the same merged steps; the one that starts at 0 writes the reports.
        if (settings.Segment.From.CompareTo(Fraction.Zero) == 0)
        {
            var outcomes = await CapacityReportWriter.WriteAsync(capacity, folder, CancellationToken.None).ConfigureAwait(false);
            foreach (var failed in outcomes.Where(o => !o.Succeeded))
            {
                cli.Problem($"report {failed.Format} failed: {failed.Error!.GetType().Name}: {failed.Error.Message}");
            }

            // --out searched into before: what the earlier search left in steps/ goes, so the folder is this search's.
            var removed = await EarlierSearches.RemoveAsync(folder, window).ConfigureAwait(false);
            SegmentRollCall.RemoveEarlier(Path.Combine(folder, SegmentRollCall.Folder), window.RollCall);
            if (removed > 0)
            {
                cli.Out.WriteLine($"removed {removed} result(s) of an earlier search from {Path.Combine(folder, CapacityStepRunner.StepsFolder)}");
            }
        }

        CapacityConsole.Answer(cli.Out, capacity, folder);
        return (exitOverride ?? (capacity.Answer.Outcome == SearchOutcome.Interrupted ? ExitCodes.Interrupted
            : capacity.Sustainable is not null ? ExitCodes.Passed
            : ExitCodes.ThresholdCrossed), capacity);
    }

    private static LoadModel ModelOf(RunSettings settings, string scenario) =>
        settings.Find(scenario)?.LoadSimulations is { Count: > 0 } simulations ? LoadPlan.ModelOf(simulations) : LoadModel.Closed;
}
