using System.CommandLine;
using LoadHarness.Cli.Launch;
using LoadHarness.Cli.Configuration;
using LoadHarness.Cli.Output;

namespace LoadHarness.Cli.Commands.Run;

/// <summary><c>loadharness run</c>: the test described by the config, live progress, the summary, reports and the exit code.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext cli)
    {
        var config = CommonOptions.Config();
        var targetScenarios = new Option<string[]>("--target-scenarios", "-t")
        {
            Description = "Run only these scenarios (overrides TargetScenarios).",
            AllowMultipleArgumentsPerToken = true,
        };
        var reportFolder = new Option<string?>("--report-folder") { Description = "Folder for reports/<TestName>/<UTC timestamp>/ (overrides GlobalSettings.ReportFolder; default 'reports')." };
        var output = CommonOptions.Out("Write result.json and the reports straight into this folder (no <TestName>/<timestamp> below it).");
        var segment = new Option<string?>("--segment") { Description = "Run only this execution segment 'a:b' of the test, e.g. 0:1/4 (as k6); `merge` adds the segments' results." };
        var scale = new Option<double?>("--duration-scale")
        {
            Description = "Multiply every plan duration (stages, simulations, pauses, delayAbortEval) by this factor, e.g. 0.1 for a quick run. Think time, GracefulStop, RequestTimeout and WarmUpDuration are not scaled (they describe the system: JIT, pools and caches warm as slowly in a short run); rates keep their interval.",
        };
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
        var command = new Command("run", "Run the load test described by the config and gate on its thresholds.\n\n"
            + "With Target.ApiBaseUrl and Target.ConnectionString both empty, a throwaway PostgreSQL and the sample API are started and stopped.\n"
            + "Ctrl+C / SIGTERM: load stops, in-flight iterations finish (up to GracefulStop), the partial result is written; exit 130.\n\n"
            + "Examples:\n"
            + "  loadharness run -c nbomber-config.json\n"
            + "  loadharness run -c nbomber-config.json --duration-scale 0.1 --target-scenarios api_profile\n"
            + "  loadharness run -c nbomber-config.json --segment 0:1/4 --out results/segment-0 --no-gate\n"
            + "  loadharness run -c nbomber-config.json --before-after --duration-scale 0.1\n"
            + "  LOADHARNESS__TARGET__APIBASEURL=http://staging:8080 loadharness run -c nbomber-config.json --ci")
        {
            config, targetScenarios, reportFolder, output, segment, scale, noGate, formats, ci, quiet, apiBaseUrl, sockets, beforeAfter,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var arguments = new RunArguments
            {
                ConfigPath = parse.GetValue(config) ?? (File.Exists("nbomber-config.json") ? "nbomber-config.json" : null),
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
            };
            return new RunCommandHandler(cli).ExecuteAsync(arguments, cancellationToken);
        });
        return command;
    }
}
