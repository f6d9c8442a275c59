using System.CommandLine;
using System.Globalization;
using LoadHarness.Cli.Output;
using LoadHarness.Cli.Configuration;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;

namespace LoadHarness.Cli.Commands.List;

/// <summary><c>loadharness list</c>: the known scenarios; with <c>--config</c>, a dry run of the planned load over time.</summary>
internal static class ListCommand
{
    public static Command Create(CliContext cli)
    {
        var config = CommonOptions.Config();
        var scale = CommonOptions.Number("--duration-scale", "Show the plan as `run --duration-scale` would run it.");
        var command = new Command("list", "List the known scenarios; with --config, show the planned VUs (closed model) or iterations/s "
            + "(open model) of each targeted scenario over time, without running anything.\n\n"
            + "Examples:\n"
            + "  loadharness list\n"
            + "  loadharness list --config nbomber-config.json --duration-scale 0.1")
        {
            config, scale,
        };
        command.SetAction(parse =>
        {
            var catalog = CliCatalog.Create();
            cli.Out.WriteLine("scenarios:");
            foreach (var d in catalog.All)
            {
                cli.Out.WriteLine($"  {d.Name,-24} [{d.Requires}] {d.Description}");
            }

            cli.Out.WriteLine("  (and any ScenariosSettings entry with an Http or a Sql section: a scenario built from it, no C#)");
            var path = parse.GetValue(config);
            if (path is null)
            {
                return ExitCodes.Passed;
            }

            var load = CliCatalog.Loader(catalog).Load(path, new ConfigOverrides { DurationScale = parse.GetValue(scale) });
            if (!load.IsValid)
            {
                ProblemPrinter.Print(cli, path, load.Problems);
                return ExitCodes.InvalidInput;
            }

            WritePlans(cli.Out, load.Settings!);
            return ExitCodes.Passed;
        });
        return command;
    }

    private static void WritePlans(TextWriter output, RunSettings settings)
    {
        var longest = TimeSpan.Zero;
        foreach (var name in settings.TargetScenarios)
        {
            var scenario = TestDefinitionBuilder.PlanOnly(name, settings);
            var plan = LoadPlan.Create(scenario.LoadSimulations, settings.Segment, scenario.MaxVUs);
            var total = scenario.WarmUpDuration + plan.Duration;
            longest = total > longest ? total : longest;
            var unit = plan.Model == LoadModel.Closed ? "VUs" : "iterations/s";
            output.WriteLine();
            var warmUp = scenario.WarmUpDuration > TimeSpan.Zero ? " + warm-up " + ProgressText.Clock(scenario.WarmUpDuration) : "";
            var iterations = plan.HasIterationPhases ? ", plus iteration-bound phases" : "";
            output.WriteLine($"{name} ({plan.Model.ToString().ToLowerInvariant()} model, {ProgressText.Clock(plan.Duration)}{warmUp}{iterations}): planned {unit}");
            var step = Step(plan.Duration);
            var times = new List<TimeSpan>();
            for (var t = TimeSpan.Zero; t < plan.Duration; t += step)
            {
                times.Add(t);
            }

            times.Add(plan.Duration);
            foreach (var t in times)
            {
                var value = plan.ValueAt(t == plan.Duration && t > TimeSpan.Zero ? t - TimeSpan.FromMilliseconds(1) : t);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {ProgressText.Clock(t),8}  {value,8:0.#}  {Bar(value, plan)}"));
            }
        }

        output.WriteLine();
        output.WriteLine($"total duration: {ProgressText.Clock(longest)} (scenarios run concurrently)");
    }

    private static TimeSpan Step(TimeSpan duration)
    {
        var seconds = Math.Max(1, Math.Ceiling(duration.TotalSeconds / 12));
        return TimeSpan.FromSeconds(seconds);
    }

    private static string Bar(double value, LoadPlan plan)
    {
        var max = plan.Phases.Count == 0 ? 0 : plan.Phases.Max(p => Math.Max(p.From, p.To));
        return max <= 0 ? "" : new string('▇', (int)Math.Round(30 * value / max));
    }
}
