using System.CommandLine;
using LoadHarness.Cli.Launch;
using LoadHarness.Cli.Configuration;
using LoadHarness.Cli.Output;
using LoadHarness.Core.Load;

namespace LoadHarness.Cli.Commands.Run;

/// <summary><c>loadharness run</c>: the test described by the config, live progress, the summary, reports and the exit code.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext cli)
    {
        var config = CommonOptions.Config();
        var quickRun = new QuickRunSwitches(
            config,
            new Option<string?>("--url") { Description = "Quick run without a config file: load this absolute URL (GET, or --method; k6 run --vus N --duration D)." },
            new Option<string?>("--think") { Description = "Quick run: think time after each request, e.g. 1s (k6's sleep(1))." });
        var vus = new Option<int?>("--vus") { Description = "Quick run: virtual users (closed model), or MaxVUs with --rate (default 1)." };
        var duration = new Option<string?>("--duration") { Description = "Quick run: how long, e.g. 30s, 2m (default 10s)." };
        var iterations = new Option<long?>("--iterations", "-n") { Description = "Quick run: run this many iterations in all, shared by the VUs, instead of for --duration (k6's shared iterations, hey's and ab's -n)." };
        var rate = CommonOptions.Number("--rate", "Quick run: iterations per second (open model) instead of a fixed number of VUs.");
        var threshold = new Option<string[]>("--threshold") { Description = "Quick run: a threshold to gate on, e.g. \"p(95) < 500\" (repeatable).", AllowMultipleArgumentsPerToken = false };
        var targetScenarios = new Option<string[]>("--target-scenarios", "-t")
        {
            Description = "Run only these scenarios (overrides TargetScenarios).",
            AllowMultipleArgumentsPerToken = true,
        };
        var reportFolder = new Option<string?>("--report-folder") { Description = "Folder for reports/<TestName>/<UTC timestamp>/ (overrides GlobalSettings.ReportFolder; default 'reports')." };
        var output = CommonOptions.Out("Write result.json and the reports straight into this folder (no <TestName>/<timestamp> below it).");
        var segment = new Option<string?>("--segment") { Description = "Run only this execution segment 'a:b' of the test, e.g. 0:1/4 (as k6); `merge` adds the segments' results." };
        var scale = CommonOptions.Number("--duration-scale",
            "Multiply every plan duration (stages, simulations, pauses, delayAbortEval) by this factor, e.g. 0.1 for a quick run. Think time, GracefulStop, RequestTimeout and WarmUpDuration are not scaled (they describe the system: JIT, pools and caches warm as slowly in a short run); rates keep their interval.");
        var noGate = new Option<bool>("--no-gate") { Description = "Judge and report thresholds but never exit 99 (for segments: judge the merged result instead)." };
        var formats = CommonOptions.Formats("Report formats to write besides result.json (overrides GlobalSettings.ReportFormats).");
        var ci = new Option<bool>("--ci") { Description = "Non-interactive output even on a terminal: one line per scenario every ReportingInterval." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines; only the summary, problems and the report folder." };
        var apiBaseUrl = new Option<string?>("--api-base-url") { Description = "Overrides Target.ApiBaseUrl." };
        var sockets = new Option<bool>(SocketSettingsRelauncher.Flag)
        {
            Description = "Restart with DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 and DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT=1 "
                + "(measured ~1.3x more HTTP requests/s on loopback). Trade-off: socket continuations then run on the single socket "
                + "thread, so CPU-heavy step code (big JSON parsing, hashing) stalls every connection; keep steps I/O-bound. "
                + "The raw transport's own epoll thread (Linux) honours it the same way.",
        };
        var beforeAfter = new Option<bool>("--before-after")
        {
            Description = "Embedded default only: run the test without the index migration, apply it, run again; writes before/ and after/ "
                + "report folders and before-after.md (p50, p95, RPS, error rate, gate verdict per scenario and step). "
                + "The exit code is the 'after' run's gate.",
        };
        var label = new Option<string?>("--label")
        {
            Description = "A build label for this run (e.g. v1.4.2 or the PR number), kept in result.json (labels.build); compare and trend name runs by it.",
        };
        var startTogether = new Option<string?>("--start-together")
        {
            Description = "With --segment: a folder every segment's process shares (job.yaml: /results/segments); each says it is here and the "
                + "load starts when the segments there make up the whole, so they add up to the plan at every moment (default: each starts at once).",
        };
        var runId = new Option<string?>("--run-id")
        {
            Description = "With --segment: the same for every segment of one run (job.yaml passes the Job's uid); --start-together counts only its "
                + "segments, and merge refuses segments of different runs (kept as the result's run.id label; empty: none).",
        };
        var segmentWait = new Option<string?>("--segment-wait") { Description = "With --start-together: how long to wait for the other segments (default 2m); then exit 1." };
        var command = new Command("run", "Run the load test described by the config and gate on its thresholds.\n\n"
            + "With Target.ApiBaseUrl and Target.ConnectionString both empty, a throwaway PostgreSQL and the sample API are started and stopped.\n"
            + "Ctrl+C / SIGTERM: load stops, in-flight iterations finish (up to GracefulStop), the partial result is written; exit 130.\n\n"
            + "Examples:\n"
            + "  loadharness run --url http://127.0.0.1:8080/api/health --vus 50 --duration 30s --threshold \"p(95) < 500\"\n"
            + "  loadharness run --url http://127.0.0.1:8080/ --rate 200 --duration 1m --vus 100\n"
            + "  loadharness run --url http://127.0.0.1:8080/ --iterations 1000 --vus 50 --timeout 5s\n"
            + "  loadharness run --url http://127.0.0.1:8080/ --vus 10 --check \"status == 200\" --threshold \"checks > 0.99\"\n"
            + "  loadharness run --url http://127.0.0.1:8080/api/orders -X POST -H \"Authorization: Bearer abc\" -d @order.json --vus 20\n"
            + "  loadharness run -c nbomber-config.json\n"
            + "  loadharness run -c nbomber-config.json --duration-scale 0.1 --target-scenarios api_profile\n"
            + "  loadharness run -c nbomber-config.json --segment 0:1/4 --start-together results/segments --out results/segment-0 --no-gate\n"
            + "  loadharness run -c nbomber-config.json --before-after --duration-scale 0.1\n"
            + "  loadharness run -c nbomber-config.json --label v1.4.2 --out results/v1.4.2\n"
            + "  LOADHARNESS__TARGET__APIBASEURL=http://staging:8080 loadharness run -c nbomber-config.json --ci")
        {
            config, quickRun.Url, vus, duration, iterations, rate, quickRun.Think, quickRun.Timeout, threshold, quickRun.Check, quickRun.FollowRedirects, quickRun.Insecure, quickRun.Method, quickRun.Header, quickRun.Body, targetScenarios, reportFolder, output, segment, scale, noGate, formats, ci, quiet, apiBaseUrl, sockets, beforeAfter, label, startTogether, runId, segmentWait,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var quick = (quickRun.Read(parse) with
            {
                Vus = parse.GetValue(vus),
                Duration = parse.GetValue(duration),
                Iterations = parse.GetValue(iterations),
                Rate = parse.GetValue(rate),
                Thresholds = parse.GetValue(threshold),
            }).ToOptions();
            var arguments = new RunArguments
            {
                ConfigPath = quick is not null ? null : parse.GetValue(config) ?? (File.Exists("nbomber-config.json") ? "nbomber-config.json" : null),
                QuickRun = quick,
                Overrides = new ConfigOverrides
                {
                    TargetScenarios = CommonOptions.List(parse.GetValue(targetScenarios)),
                    ReportFolder = parse.GetValue(reportFolder),
                    ReportFormats = CommonOptions.List(parse.GetValue(formats)),
                    Segment = parse.GetValue(segment),
                    DurationScale = parse.GetValue(scale),
                    ApiBaseUrl = parse.GetValue(apiBaseUrl),
                },
                OutFolder = parse.GetValue(output),
                NoGate = parse.GetValue(noGate),
                Ci = parse.GetValue(ci) || !cli.IsTerminal,
                Quiet = parse.GetValue(quiet),
                BeforeAfter = parse.GetValue(beforeAfter),
                Label = BuildLabel(parse.GetValue(label)),
                StartTogether = parse.GetValue(startTogether),
                RunId = parse.GetValue(runId) is { } id && !string.IsNullOrWhiteSpace(id) ? id.Trim() : null,
                SegmentWait = SegmentWait(parse.GetValue(segmentWait)),
            };
            if ((arguments.StartTogether is not null || arguments.RunId is not null) && parse.GetValue(segment) is null)
            {
                throw new CliInputException($"{(arguments.StartTogether is not null ? "--start-together" : "--run-id")} needs --segment: it names the processes that run one test's segments together");
            }

            return new RunCommandHandler(cli).ExecuteAsync(arguments, cancellationToken);
        });
        return command;
    }

    private static TimeSpan SegmentWait(string? text)
    {
        if (text is null)
        {
            return Capacity.CapacityStepRunner.SegmentTimeout;
        }

        return DurationParser.TryParse(text, out var value, out _) && value > TimeSpan.Zero
            ? value
            : throw new CliInputException($"--segment-wait: '{text}' is not a positive duration (use 30s, 2m, 00:02:00)");
    }

    /// <summary>A label is one line of printable text, at most 100 characters; anything else is invalid input (exit 2).</summary>
    private static string? BuildLabel(string? label)
    {
        if (label is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(label) || label.Length > 100 || label.Any(char.IsControl))
        {
            throw new CliInputException($"--label: '{label}' is not a build label (1 to 100 printable characters, e.g. v1.4.2)");
        }

        return label.Trim();
    }
}
