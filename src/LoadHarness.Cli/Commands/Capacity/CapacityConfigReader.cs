using System.Globalization;
using System.Text.Json;
using LoadHarness.Core.Capacity;
using LoadHarness.Cli.Configuration;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;
using Microsoft.Extensions.Configuration;

namespace LoadHarness.Cli.Commands.Capacity;

/// <summary>
/// Reads the config's <c>Capacity</c> section (JSON &lt; <c>LOADHARNESS__CAPACITY__...</c> environment &lt; flags) into a
/// <see cref="CapacityPlan"/>, reporting every problem at once by its JSON path (and line) or flag.
/// </summary>
internal static class CapacityConfigReader
{
    public const string Section = "Capacity";

    public static readonly KeySchema Schema = KeySchema.Object(
        ("Scenario", KeySchema.Scalar),
        ("Gate", KeySchema.ArrayOf(KeySchema.Scalar)),
        ("StepVUs", KeySchema.Scalar),
        ("StepRate", KeySchema.Scalar),
        ("Start", KeySchema.Scalar),
        ("StepDuration", KeySchema.Scalar),
        ("WarmUp", KeySchema.Scalar),
        ("MaxVUs", KeySchema.Scalar),
        ("MaxRate", KeySchema.Scalar),
        ("Resolution", KeySchema.Scalar),
        ("MaxSteps", KeySchema.Scalar),
        ("ConfirmFailures", KeySchema.Scalar),
        ("ErrorExplosionRate", KeySchema.Scalar),
        ("ThinkTime", KeySchema.Scalar),
        ("SearchId", KeySchema.Scalar),
        ("SegmentWait", KeySchema.Scalar));

    public static (CapacityPlan? Plan, IReadOnlyList<ConfigProblem> Problems) Read(RunSettings settings, CapacityArguments arguments, Func<string, LoadModel> scenarioModel)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(arguments);
        var json = arguments.ConfigPath is null ? "{}"u8.ToArray() : ConfigJson.ReadFile(arguments.ConfigPath);
        var problems = new ConfigProblems(JsonLineMap.Build(json));
        using (var document = JsonDocument.Parse(json, ConfigJson.DocumentOptions))
        {
            foreach (var property in document.RootElement.EnumerateObject().Where(p => string.Equals(p.Name, Section, StringComparison.OrdinalIgnoreCase)))
            {
                UnknownKeyCheck.Run(property.Value, Schema, property.Name, problems);
            }
        }

        var section = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(json))
            .AddEnvironmentVariables(RunSettingsLoaderOptions.EnvironmentPrefix)
            .Build()
            .GetSection(Section);
        var read = new Reader(section, problems);

        var scenario = arguments.Scenario ?? read.String("Scenario") ?? settings.TargetScenarios[0];
        var gate = arguments.Gate ?? read.Strings("Gate");
        CheckGate(gate, arguments.Gate is not null, problems);

        // The model: the flags decide when either is given (the config's step keys are then ignored), else the config, else the scenario's.
        var fromFlags = arguments.StepVUs is not null || arguments.StepRate is not null;
        var stepVUs = fromFlags ? read.Flag("--step-vus", arguments.StepVUs, 1) : read.Int("StepVUs", 1);
        var stepRate = fromFlags ? read.Flag("--step-rate", arguments.StepRate, 1) : read.Int("StepRate", 1);
        if (stepVUs is not null && stepRate is not null)
        {
            problems.Add(fromFlags ? "--step-vus" : "Capacity.StepRate", "give either a VU step (closed model) or a rate step (open model), not both");
        }

        var model = stepVUs is not null ? LoadModel.Closed : stepRate is not null ? LoadModel.Open : scenarioModel(scenario);
        var step = stepVUs ?? stepRate ?? CapacityPlan.DefaultStep;
        var start = read.Flag("--start", arguments.Start, 1) ?? read.Int("Start", 1);
        var max = model == LoadModel.Closed
            ? read.Flag("--max-vus", arguments.MaxVUs, 1) ?? read.Int("MaxVUs", 1)
            : read.Flag("--max-rate", arguments.MaxRate, 1) ?? read.Int("MaxRate", 1);
        var resolution = ReadResolution(arguments.Resolution, read);
        var options = new CapacitySearchOptions
        {
            Model = model,
            Step = step,
            Start = start,
            MaxLoad = max ?? Math.Max(start ?? step, step * CapacityPlan.DefaultMaxStepsFactor),
            Resolution = resolution,
            MaxSteps = read.Flag("--max-steps", arguments.MaxSteps, 1) ?? read.Int("MaxSteps", 1) ?? 40,
            ConfirmFailures = !arguments.NoConfirm && (read.Bool("ConfirmFailures") ?? true),
            ErrorExplosionRate = read.Fraction("ErrorExplosionRate") ?? CapacitySearchOptions.DefaultErrorExplosionRate,
        };
        foreach (var error in options.Validate())
        {
            problems.Add(model == LoadModel.Closed ? "--max-vus (Capacity.MaxVUs)" : "--max-rate (Capacity.MaxRate)", error);
        }

        var plan = new CapacityPlan
        {
            Scenario = scenario,
            Gate = gate,
            Search = options,
            StepDuration = read.Duration("--step-duration", arguments.StepDuration, "StepDuration", positive: true) ?? CapacityPlan.DefaultStepDuration,
            WarmUp = read.Duration("--warm-up", arguments.WarmUp, "WarmUp", positive: false) ?? CapacityPlan.DefaultWarmUp,
            ThinkTime = read.Duration("--think-time", arguments.ThinkTime, "ThinkTime", positive: false),
            // Empty (a Job's label the cluster does not set) is not given: the segments are told apart by time.
            SearchId = arguments.SearchId is { } id ? (string.IsNullOrWhiteSpace(id) ? null : id.Trim()) : read.String("SearchId"),
            SegmentWait = read.Duration("--segment-wait", arguments.SegmentWait, "SegmentWait", positive: true) ?? CapacityStepRunner.SegmentTimeout,
        };
        return problems.Count == 0 ? (plan, []) : (null, problems.All);
    }

    private static void CheckGate(IReadOnlyList<string>? gate, bool fromFlag, ConfigProblems problems)
    {
        for (var i = 0; gate is not null && i < gate.Count; i++)
        {
            if (!ThresholdExpression.TryParse(gate[i], out _, out var error))
            {
                problems.Add(fromFlag ? "--gate" : ConfigPath.Index("Capacity.Gate", i), error!.Message);
            }
        }
    }

    private static LoadResolution ReadResolution(string? flag, Reader read)
    {
        var (text, path) = flag is not null ? (flag, "--resolution") : (read.String("Resolution"), "Capacity.Resolution");
        if (text is null)
        {
            return LoadResolution.Percent(5);
        }

        if (LoadResolution.TryParse(text, out var resolution, out var error))
        {
            return resolution;
        }

        read.Problems.Add(path, error!);
        return LoadResolution.Percent(5);
    }

    /// <summary>Typed values of the section and of flags; each bad one reported, null returned.</summary>
    private sealed class Reader(IConfigurationSection section, ConfigProblems problems)
    {
        public ConfigProblems Problems => problems;

        public string? String(string key) => section.GetSection(key).Value is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        public IReadOnlyList<string>? Strings(string key)
        {
            var child = section.GetSection(key);
            var items = child.GetChildren().OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue)
                .Select(c => c.Value?.Trim() ?? "").Where(v => v.Length > 0).ToArray();
            return items.Length > 0 ? items : String(key) is { } one ? [one] : null;
        }

        public int? Int(string key, int min)
        {
            var text = String(key);
            if (text is null)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min)
            {
                return value;
            }

            problems.Add(Path(key), $"'{text}' is not a whole number of at least {min}");
            return null;
        }

        public int? Flag(string flag, int? value, int min)
        {
            if (value is { } v && v < min)
            {
                problems.Add(flag, string.Create(CultureInfo.InvariantCulture, $"{v} must be at least {min}"));
                return null;
            }

            return value;
        }

        public bool? Bool(string key)
        {
            var text = String(key);
            if (text is null)
            {
                return null;
            }

            if (bool.TryParse(text, out var value))
            {
                return value;
            }

            problems.Add(Path(key), $"'{text}' is not true or false");
            return null;
        }

        public double? Fraction(string key)
        {
            var text = String(key);
            if (text is null)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= 1)
            {
                return value;
            }

            problems.Add(Path(key), $"'{text}' is not a share of requests in (0, 1], e.g. 0.5");
            return null;
        }

        public TimeSpan? Duration(string flag, string? flagText, string key, bool positive)
        {
            var (text, path) = flagText is not null ? (flagText, flag) : (String(key), Path(key));
            if (text is null)
            {
                return null;
            }

            if (!DurationParser.TryParse(text, out var value, out _) || value < TimeSpan.Zero || (positive && value == TimeSpan.Zero))
            {
                problems.Add(path, $"'{text}' is not a{(positive ? " positive" : "")} duration (use 30s, 1m, 00:00:30, 500ms)");
                return null;
            }

            return value;
        }

        private static string Path(string key) => Section + "." + key;
    }
}
