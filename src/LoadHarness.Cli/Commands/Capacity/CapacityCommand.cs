using System.CommandLine;

namespace LoadHarness.Cli.Commands.Capacity;

/// <summary><c>loadharness capacity</c>: find the highest load a scenario holds its gate at, and show the knee.</summary>
internal static class CapacityCommand
{
    public static Command Create(CliContext cli)
    {
        var config = CommonOptions.Config();
        var quickRun = new QuickRunSwitches(
            config,
            new Option<string?>("--url") { Description = "Search a quick run without a config file: this absolute URL (GET, or --method; run --url's scenario, 'quick'); gate by default p(95) < 500 and rate < 0.01." },
            new Option<string?>("--think") { Description = "With --url: think time after each request, e.g. 1s (k6's sleep(1))." });
        var scenario = new Option<string?>("--scenario", "-s") { Description = "The scenario to search (Capacity.Scenario; default: the first of TargetScenarios)." };
        var gate = new Option<string[]>("--gate")
        {
            Description = "A threshold expression the load must hold, e.g. \"p(95) < 300\"; repeat for several (Capacity.Gate; default: the scenario's own thresholds).",
            AllowMultipleArgumentsPerToken = false,
        };
        var stepVUs = new Option<int?>("--step-vus") { Description = "Closed model: add this many VUs a step (Capacity.StepVUs)." };
        var stepRate = new Option<int?>("--step-rate") { Description = "Open model: add this many iterations/s a step (Capacity.StepRate)." };
        var start = new Option<int?>("--start") { Description = "The first step's load (Capacity.Start; default: one step)." };
        var stepDuration = new Option<string?>("--step-duration") { Description = "Measured part of each step, e.g. 30s (Capacity.StepDuration; default 30s)." };
        var warmUp = new Option<string?>("--warm-up") { Description = "Unrecorded warm-up at the step's load before its measured part (Capacity.WarmUp; default 10s)." };
        var maxVUs = new Option<int?>("--max-vus") { Description = "Closed model: the highest load to try (Capacity.MaxVUs; default 20 steps)." };
        var maxRate = new Option<int?>("--max-rate") { Description = "Open model: the highest rate to try (Capacity.MaxRate; default 20 steps)." };
        var resolution = new Option<string?>("--resolution") { Description = "Bisect until the last good and first failing loads are this close: units (10) or a share (5%) (Capacity.Resolution; default 5%)." };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Runs of any kind after which the search stops with what it knows (Capacity.MaxSteps; default 40)." };
        var noConfirm = new Option<bool>("--no-confirm") { Description = "Call a load failing on its first crossing (default: a second run must confirm it, so noise makes no false knee)." };
        var thinkTime = new Option<string?>("--think-time") { Description = "Think time for Little's law in the answer (Capacity.ThinkTime; default: the scenario's, else 1s)." };
        var output = CommonOptions.Out("Write capacity.json/.md/.html and steps/NN-<load>/result.json into this folder (default: <ReportFolder>/<TestName>-capacity/<UTC timestamp>/).");
        var reportFolder = new Option<string?>("--report-folder") { Description = "Overrides GlobalSettings.ReportFolder." };
        var segment = new Option<string?>("--segment") { Description = "Run every step as this execution segment 'a:b' of the step's load (e.g. 0:1/4): the step loads are the whole, split across N generators "
            + "sharing --out, where they meet before step 1 (segments/) and after every step." };
        var searchId = new Option<string?>("--search-id")
        {
            Description = "With --segment: names this search, the same for every segment's process (capacity-job.yaml passes the Job's uid), "
                + "so nothing an earlier search left in --out is counted, whenever it ran (Capacity.SearchId; default: told apart by time).",
        };
        var segmentWait = new Option<string?>("--segment-wait")
        {
            Description = "With --segment: how long a process waits for the other segments, at the start and past each step's length "
                + "(Capacity.SegmentWait; default 2m).",
        };
        var apiBaseUrl = new Option<string?>("--api-base-url") { Description = "Overrides Target.ApiBaseUrl." };
        var beforeAfter = new Option<bool>("--before-after")
        {
            Description = "Embedded default only: search without the index migration, apply it, search again; writes before/, after/ and "
                + "capacity-before-after.md (exit code: the 'after' search's).",
        };
        var command = new Command("capacity", "Raise the load in steps until the gate is crossed, bisect to the knee, and answer: the highest sustainable load "
            + "(VUs and req/s) with its p95 and error rate, the first failing load and the threshold it crossed, Little's law for planning.\n\n"
            + "Each step is a real run of the scenario (warm-up unrecorded, then measured); the search stops early when errors explode or the "
            + "generator, not the system, is the limit. Exit codes: 0 a load held the gate, 99 even the first step failed, 2 invalid input, "
            + "130 interrupted (steps so far and the report kept).\n\n"
            + "Examples:\n"
            + "  loadharness capacity --url http://127.0.0.1:8080/api/health --step-vus 20 --think 1s\n"
            + "  loadharness capacity -c nbomber-config.json --scenario api_profile --step-vus 50 --max-vus 1000\n"
            + "  loadharness capacity -c nbomber-config.json --scenario api_profile --step-rate 100 --gate \"p(95) < 300\" --step-duration 20s --warm-up 5s\n"
            + "  loadharness capacity --scenario api_profile --before-after   (the embedded default, without and with the index migration)")
        {
            config, quickRun.Url, quickRun.Think, quickRun.Timeout, quickRun.Check, quickRun.FollowRedirects, quickRun.Insecure, quickRun.Method, quickRun.Header, quickRun.Body, scenario, gate, stepVUs, stepRate, start, stepDuration, warmUp, maxVUs, maxRate, resolution, maxSteps, noConfirm, thinkTime,
            output, reportFolder, segment, searchId, segmentWait, apiBaseUrl, beforeAfter,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var quick = quickRun.Read(parse).ToOptions();
            var arguments = new CapacityArguments
            {
                // A quick run reads no config file, not even the one in the current folder.
                ConfigPath = parse.GetValue(config) ?? (quick is null && File.Exists("nbomber-config.json") ? "nbomber-config.json" : null),
                QuickRun = quick,
                Scenario = parse.GetValue(scenario),
                // A quick run's checks are part of what a load must hold: the default gate judges them too.
                Gate = parse.GetValue(gate) is { Length: > 0 } g ? g
                    : quick is { Checks.Count: > 0 } ? [.. CapacityPlan.DefaultGate, "checks > 0.99"]
                    : null,
                StepVUs = parse.GetValue(stepVUs),
                StepRate = parse.GetValue(stepRate),
                Start = parse.GetValue(start),
                StepDuration = parse.GetValue(stepDuration),
                WarmUp = parse.GetValue(warmUp),
                MaxVUs = parse.GetValue(maxVUs),
                MaxRate = parse.GetValue(maxRate),
                Resolution = parse.GetValue(resolution),
                MaxSteps = parse.GetValue(maxSteps),
                NoConfirm = parse.GetValue(noConfirm),
                ThinkTime = parse.GetValue(thinkTime),
                OutFolder = parse.GetValue(output),
                ReportFolder = parse.GetValue(reportFolder),
                Segment = parse.GetValue(segment),
                ApiBaseUrl = parse.GetValue(apiBaseUrl),
                SearchId = parse.GetValue(searchId),
                SegmentWait = parse.GetValue(segmentWait),
                BeforeAfter = parse.GetValue(beforeAfter),
            };
            return new CapacityVerb(cli).ExecuteAsync(arguments, cancellationToken);
        });
        return command;
    }
}
