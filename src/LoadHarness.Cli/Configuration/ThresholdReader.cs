using LoadHarness.Core.Thresholds;
using Microsoft.Extensions.Configuration;

namespace LoadHarness.Cli.Configuration;

/// <summary>
/// Reads a scenario's thresholds: ours (<c>Thresholds</c>: k6 expressions as strings, or objects
/// <c>{ Expression, Step, AbortOnFail, DelayAbortEval }</c>) and NBomber's <c>ThresholdSettings</c>
/// (<c>{ "OkLatency": "p75 &lt; 80" }</c>, <c>{ "StatusCode": ["500", "Percent &lt; 5"] }</c>).
/// </summary>
internal static class ThresholdReader
{
    /// <param name="steps">The scenario's step names when the config defines them (an Http section's requests, a Sql
    /// section's queries): a threshold on another step (a Step or a k6 <c>{name:...}</c> tag) is a problem, not a run
    /// that fails on "no data". Null for a registered scenario, whose steps are its code's.</param>
    public static List<ThresholdDefinition> Read(IConfigurationSection scenario, string scenarioName, ConfigValues values, IReadOnlyCollection<string>? steps = null)
    {
        var result = new List<ThresholdDefinition>();
        foreach (var item in ConfigValues.Items(scenario.GetSection("Thresholds")))
        {
            if (item.Value is not null)
            {
                Add(result, values, ConfigValues.PathOf(item), item.Value, scenarioName, null, false, null, steps);
                continue;
            }

            var expressionSection = item.GetSection("Expression");
            var expression = values.String(expressionSection);
            if (expression is null)
            {
                values.Problems.Add(ConfigValues.PathOf(item), "a threshold object needs an Expression (e.g. \"p(95) < 500\")");
                continue;
            }

            var abort = values.Bool(item.GetSection("AbortOnFail")) ?? false;
            var delay = values.Duration(item.GetSection("DelayAbortEval"));
            Add(result, values, ConfigValues.PathOf(expressionSection), expression, scenarioName, values.String(item.GetSection("Step")), abort, delay, steps);
        }

        foreach (var item in ConfigValues.Items(scenario.GetSection("ThresholdSettings")))
        {
            var entries = item.GetChildren().ToArray();
            if (entries.Length != 1)
            {
                values.Problems.Add(ConfigValues.PathOf(item), $"each ThresholdSettings entry is an object with one key ({string.Join(", ", ConfigSchema.NBomberThresholdKinds)})");
                continue;
            }

            var entry = entries[0];
            if (!ConfigSchema.NBomberThresholdKinds.Contains(entry.Key, StringComparer.OrdinalIgnoreCase))
            {
                continue; // reported by the unknown-key check
            }

            var path = ConfigValues.PathOf(entry);
            if (string.Equals(entry.Key, "StatusCode", StringComparison.OrdinalIgnoreCase))
            {
                var parts = ConfigValues.Items(entry);
                if (parts.Count != 2 || parts[0].Value is null || parts[1].Value is null)
                {
                    values.Problems.Add(path, "StatusCode takes [code, expression], e.g. [\"500\", \"Percent < 5\"]");
                    continue;
                }

                Add(result, values, ConfigPath.Index(path, 1), ThresholdExpression.FromNBomber(entry.Key, parts[1].Value!, parts[0].Value), scenarioName, null, false, null, steps);
            }
            else if (entry.Value is { } text)
            {
                Add(result, values, path, ThresholdExpression.FromNBomber(entry.Key, text), scenarioName, null, false, null, steps);
            }
            else
            {
                values.Problems.Add(path, $"{entry.Key} takes an expression string, e.g. \"p75 < 80\"");
            }
        }

        return result;
    }

    private static void Add(List<ThresholdDefinition> result, ConfigValues values, string path, string expression, string scenario, string? step, bool abortOnFail, TimeSpan? delay, IReadOnlyCollection<string>? steps)
    {
        try
        {
            var threshold = new ThresholdDefinition(expression, scenario, step, abortOnFail, delay);
            if (step is not null && threshold.Parsed.Metric == ThresholdMetric.IterationDuration)
            {
                values.Problems.Add(path, $"'{expression}' times whole iterations, so its Step '{step}' does not apply: drop Step, or judge the step's requests (p(95) < ...)");
                return;
            }

            if (steps is not null && threshold.Step is { } named && !steps.Contains(named))
            {
                values.Problems.Add(path, $"'{expression}' judges step '{named}', which scenario '{scenario}' does not have (its steps: {string.Join(", ", steps)})");
                return;
            }

            result.Add(threshold);
        }
        catch (ThresholdParseException e)
        {
            var caret = new string(' ', Math.Max(0, e.Position)) + "^";
            values.Problems.Add(path, $"bad threshold '{e.Expression}': {e.Reason} at position {e.Position}\n      {e.Expression}\n      {caret}");
        }
    }
}
