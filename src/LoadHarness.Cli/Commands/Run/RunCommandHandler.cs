using LoadHarness.Cli.Launch;
using LoadHarness.Cli.Output;
using LoadHarness.Scenarios.Catalog;
using LoadHarness.Cli.Configuration;
using LoadHarness.Core.Execution;
using LoadHarness.Core.Results;
using LoadHarness.Http;
using LoadHarness.Reporting;
using LoadHarness.Reporting.Formatting;
using LoadHarness.Cli.Embedded;
using LoadHarness.Postgres.Scenarios;
using LoadHarness.Postgres.QueryBench;
using LoadHarness.Cli.Commands.BenchQueries;
using LoadHarness.Cli.Commands.Capacity;
using LoadHarness.Core.Load;

namespace LoadHarness.Cli.Commands.Run;

/// <summary>
/// <c>run</c>: validate the config (exit 2), start the embedded target when none is configured, run with live
/// progress, print the summary, write result.json then every report (a failing writer is reported, the others still
/// write), and exit 0 / 99 (threshold crossed, unless --no-gate) / 130 (interrupted, partial result written).
/// </summary>
internal sealed class RunCommandHandler(CliContext cli)
{
    /// <summary>The config's Queries, read when a threshold names one (<c>explain(name)</c>): run after each load.</summary>
    private IReadOnlyList<BenchQuery> explainQueries = [];

    public async Task<int> ExecuteAsync(RunArguments arguments, CancellationToken cancellationToken)
    {
        var catalog = CliCatalog.Create();
        var loader = CliCatalog.Loader(catalog);
        var load = arguments.QuickRun is { } quick
            ? loader.LoadJson(QuickRunConfig.Build(quick), null, arguments.Overrides)
            : loader.Load(arguments.ConfigPath, arguments.Overrides);
        if (!load.IsValid)
        {
            ProblemPrinter.Print(cli, arguments.QuickRun is null ? null : "run", arguments.ConfigPath, load.Problems);
            if (arguments.QuickRun is null && arguments.ConfigPath is null)
            {
                ProblemPrinter.NoConfigHint(cli, "run");
            }

            return ExitCodes.InvalidInput;
        }

        var settings = load.Settings!;

        // explain(name) thresholds run the config's Queries after the load: the section must be valid (the names are
        // checked by the loader, at the threshold's key).
        if (ExplainThresholds.Any(settings.Scenarios.Where(s => settings.TargetScenarios.Contains(s.Name)).SelectMany(s => s.Thresholds)))
        {
            var (queries, queryProblems) = QueriesConfigReader.Read(settings.ConfigPath);
            if (queryProblems.Count > 0)
            {
                ProblemPrinter.Print(cli, arguments.ConfigPath, queryProblems);
                return ExitCodes.InvalidInput;
            }

            explainQueries = queries;
        }

        var needs = EmbeddedTargetScope.Needs(settings, catalog);
        if (arguments.BeforeAfter && !settings.UsesEmbeddedTarget)
        {
            cli.Problem("--before-after needs the embedded default: Target.ApiBaseUrl and Target.ConnectionString must both be empty "
                + "(it starts the sample database without the index migration, then applies it between the two runs)");
            return ExitCodes.InvalidInput;
        }

        EmbeddedTarget? embedded = null;
        string? lastLine = null;
        try
        {
            if (arguments.BeforeAfter)
            {
                needs |= ScenarioRequirements.Database;
            }

            if (needs != ScenarioRequirements.None)
            {
                cli.Out.WriteLine($"no Target configured: {EmbeddedTargetScope.Describe(needs)}...");
                embedded = await EmbeddedTargetScope.StartAsync(
                    settings, needs, line => Log(arguments, line), cancellationToken, applyIndexMigration: arguments.BeforeAfter ? false : null).ConfigureAwait(false);

                // The seeding's own statements and scans are not the run's: the database section starts from zero.
                await embedded.ResetStatisticsAsync(cancellationToken).ConfigureAwait(false);
            }

            var target = embedded is null ? settings.Target : embedded.Target with { Metrics = settings.Target.Metrics };

            // Sql scenarios against the database, before any load: a bad query or an empty parameter query is bad input.
            var sqlRows = new SqlParameterCache();
            var sqlProblems = await SqlScenarioBinding.CheckAsync(settings, target.ConnectionString, sqlRows, cancellationToken).ConfigureAwait(false);
            if (sqlProblems.Count > 0)
            {
                ProblemPrinter.Print(cli, arguments.ConfigPath, sqlProblems);
                return ExitCodes.InvalidInput;
            }

            int exit;
            if (arguments.BeforeAfter)
            {
                (exit, lastLine) = await new BeforeAfterRun(cli, this).ExecuteAsync(arguments, settings, catalog, embedded!, sqlRows, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var test = TestDefinitionBuilder.Build(settings, catalog, target, sqlRows);
                var folder = ReportFolder.Resolve(arguments.OutFolder, settings.ReportFolder, arguments.QuickRun is null ? settings.TestName : QuickRunConfig.TestSuite, DateTimeOffset.UtcNow);
                if (arguments.StartTogether is { } together && !await StartTogetherAsync(arguments, settings.Segment, together, cancellationToken).ConfigureAwait(false))
                {
                    return ExitCodes.HarnessError;
                }

                (exit, lastLine, _) = await RunTestAsync(arguments, settings, test, target, folder, null, cancellationToken).ConfigureAwait(false);
            }

            return exit;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cli.Problem("interrupted before the test started; nothing was run");
            return ExitCodes.Interrupted;
        }
        finally
        {
            if (embedded is not null)
            {
                await embedded.DisposeAsync().ConfigureAwait(false);
            }

            // The last line names the report folder, after the embedded target's own shutdown lines.
            if (lastLine is not null)
            {
                cli.Out.WriteLine(lastLine);
            }
        }
    }

    /// <summary>
    /// --start-together: says this segment is here in the shared folder and waits until the segments there of this run
    /// (its --run-id; by time, none older than the wait) make up the whole test. False (said) when they did not within
    /// --segment-wait: nothing was run.
    /// </summary>
    private async Task<bool> StartTogetherAsync(RunArguments arguments, ExecutionSegment segment, string folder, CancellationToken cancellationToken)
    {
        var began = DateTimeOffset.UtcNow;
        try
        {
            await SegmentRollCall.GatherAsync(
                folder,
                "--start-together",
                segment,
                arguments.RunId,
                began,
                (id, started) => (arguments.RunId is null || string.Equals(id, arguments.RunId, StringComparison.Ordinal)) && started >= began - arguments.SegmentWait,
                "run",
                "every pod must run `run` with the same config, its own segment of i/N:(i+1)/N and the same --start-together folder on a shared volume"
                    + (arguments.RunId is null ? ", and, when a run may have started there less than --segment-wait before, the same --run-id (job.yaml passes the Job's uid)" : $" and --run-id {arguments.RunId}"),
                arguments.SegmentWait,
                TimeProvider.System,
                cli.Out,
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException e)
        {
            cli.Problem(e.Message + "; nothing was run");
            return false;
        }
    }

    /// <summary>Runs one test, writes its reports into <paramref name="folder"/> (after <paramref name="decorate"/>, if any) and judges it.</summary>
    internal async Task<(int Exit, string LastLine, RunResult Result)> RunTestAsync(
        RunArguments arguments,
        RunSettings settings,
        TestDefinition test,
        TargetSettings target,
        string folder,
        Func<RunResult, RunResult>? decorate,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? extraLabels = null)
    {
        var open = test.Scenarios.Where(s => s.Model == LoadModel.Open).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var targets = Targets(settings, target);
        if (!arguments.Quiet)
        {
            cli.Out.WriteLine($"running {settings.TestSuite}/{settings.TestName}, {test.Scenarios.Count} scenario{(test.Scenarios.Count == 1 ? "" : "s")}"
                + (settings.Segment.IsWhole ? "" : $" (segment {settings.Segment})")
                + (SocketSettingsRelauncher.IsApplied() ? "; socket completions inline on 1 socket thread" : ""));
            foreach (var line in RunPreamble.Lines(test.Scenarios, settings, targets))
            {
                cli.Out.WriteLine(line);
            }
        }

        RunResult result;
        // git rev-parse is a child process: it runs beside the load instead of before the first request.
        var gitCommit = Task.Run(() => EnvironmentCapture.GitCommit(Directory.GetCurrentDirectory()), CancellationToken.None);
        IAfterLoadMeasurement[] afterLoad = ExplainAfterLoad.For(test.AllThresholds, explainQueries) is { } explain ? [explain] : [];
        await using var measurements = await RunMeasurements.StartAsync(target, SqlScenarioBinding.NamedStatements(settings), afterLoad, cancellationToken)
            .ConfigureAwait(false);
        var progress = CreateProgress(arguments, settings, open);
        await using (progress)
        {
            var options = new RunOptions
            {
                Segment = settings.Segment,
                Observer = progress is null ? null : progress.OnSnapshot,
                LoadStarting = measurements.LoadStarting,
                ConfigPath = settings.ConfigPath,
                Environment = WithSocketSettings(EnvironmentCapture.Capture(gitCommit: false), settings),
                Targets = targets,
                Labels = Labels(settings, target, extraLabels, arguments.Label, arguments.RunId),
            };
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var machineBefore = MachineCpu.Read();
            var wall = System.Diagnostics.Stopwatch.StartNew();
            result = await new LoadRunner().RunAsync(test, options, cancellationToken).ConfigureAwait(false);
            var cores = GeneratorLoad.Cores(Environment.CpuUsage.TotalTime - cpuBefore, wall.Elapsed);
            var machine = MachineCpu.Cores(machineBefore, MachineCpu.Read(), result.Environment.ProcessorCount);
            result = result with { Environment = result.Environment with { GeneratorCpuCores = cores, MachineCpuCores = machine, GitCommit = await gitCommit.ConfigureAwait(false) } };
        }

        if (result.Status != RunStatus.Interrupted)
        {
            // The database's and the application's figures of the run (deltas, connections, pool usage): measurement
            // thresholds are judged on them. Problems reading them become notes and "no data", never an exception.
            result = await measurements.FinishAsync(result, [.. test.AllThresholds], cancellationToken).ConfigureAwait(false);
        }

        if (decorate is not null)
        {
            result = decorate(result);
        }

        RunSummary.Write(cli.Out, result);
        var (saved, asAsked) = await ReportSaving.WriteAsync(cli, result, folder, settings.ReportFormats).ConfigureAwait(false);
        var exit = ExitCode(result, arguments.NoGate);
        var verdict = exit switch
        {
            ExitCodes.Interrupted => "interrupted (partial result)",
            ExitCodes.ThresholdCrossed => "threshold crossed",
            _ => result.Thresholds.Count == 0 ? "no thresholds to judge" : result.Passed ? "thresholds passed" : "thresholds crossed (not gating: --no-gate)",
        };
        if (!asAsked && exit == ExitCodes.Passed)
        {
            // The gate held, but the reports a CI job keeps are not where it looks: not a pass.
            exit = ExitCodes.ReportsNotWritten;
            verdict += ", reports not written";
        }

        return (exit, saved is null ? $"{verdict}; exit {exit}; result not saved (see above)" : $"{verdict}; exit {exit}; reports: {saved}", result);
    }

    internal static int ExitCode(RunResult result, bool noGate) =>
        result.Status == RunStatus.Interrupted ? ExitCodes.Interrupted
        : !noGate && (!result.Passed || result.Status == RunStatus.Aborted) ? ExitCodes.ThresholdCrossed
        : ExitCodes.Passed;

    private IRunProgress? CreateProgress(RunArguments arguments, RunSettings settings, IReadOnlySet<string> open) =>
        arguments.Quiet ? null
        : arguments.Ci ? new CiProgress(cli.Out, settings.ReportingInterval, open)
        : new LiveProgress(cli.Out, $"{settings.TestSuite}/{settings.TestName}", open);

    private void Log(RunArguments arguments, string line)
    {
        if (!arguments.Quiet)
        {
            cli.Out.WriteLine("  " + Redactor.Text(line));
        }
    }

    /// <summary>Records the socket engine settings the process runs with, so a result says how it was measured.</summary>
    private static EnvironmentInfo WithSocketSettings(EnvironmentInfo environment, RunSettings run)
    {
        var settings = new Dictionary<string, string>(environment.Settings, StringComparer.Ordinal);
        foreach (var name in new[] { SocketSettingsRelauncher.InlineVariable, SocketSettingsRelauncher.ThreadCountVariable })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                settings[name] = value;
            }
        }

        // Config-defined Http scenarios continue on the raw transport's epoll thread by default (RawInline): 1 or 0.
        if (run.TargetScenarios.Any(name => run.Find(name)?.Http is not null))
        {
            settings[RawInline.Variable] = RawInline.Describe();
        }

        return environment with { Settings = settings };
    }

    /// <summary>
    /// Where the load went, for the reports and <c>compare</c>: the target's API and database, and each targeted Http
    /// scenario that sends elsewhere (its own BaseUrl or absolute URLs, a quick run's <c>--url</c>) and each Sql scenario
    /// with its own ConnectionString, by scenario name.
    /// </summary>
    internal static Dictionary<string, string> Targets(RunSettings settings, TargetSettings target)
    {
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(target.ApiBaseUrl))
        {
            targets["api"] = Redactor.Url(target.ApiBaseUrl);
        }

        if (!string.IsNullOrWhiteSpace(target.ConnectionString))
        {
            targets["database"] = Redactor.ConnectionString(target.ConnectionString);
        }

        foreach (var name in settings.TargetScenarios)
        {
            if (settings.Find(name) is { Http: { } http } && HttpScenarioBinding.Destinations(http) is { Count: > 0 } destinations)
            {
                targets[name] = string.Join(", ", destinations.Select(Redactor.Url));
            }
            else if (settings.Find(name) is { Sql: { } sql } && SqlScenarioBinding.HasOwnConnection(sql))
            {
                targets[name] = Redactor.ConnectionString(sql["ConnectionString"]);
            }
        }

        return targets;
    }

    private static Dictionary<string, string> Labels(RunSettings settings, TargetSettings target, IReadOnlyDictionary<string, string>? extra, string? build, string? runId)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (build is not null)
        {
            labels[RunNames.BuildLabel] = build;
        }

        if (runId is not null)
        {
            labels[RunNames.RunIdLabel] = runId;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }

        if (target.IsEmbedded)
        {
            labels["embedded"] = "true";
        }

        if (settings.DurationScale != 1)
        {
            labels["durationScale"] = settings.DurationScale.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return labels;
    }
}
