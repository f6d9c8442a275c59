using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using LoadHarness.Scenarios.Catalog;
using LoadHarness.Core.Load;
using LoadHarness.Reporting;
using Microsoft.Extensions.Configuration;
using LoadHarness.Core.Parsing;

namespace LoadHarness.Cli.Configuration;

/// <summary>
/// Binds and validates nbomber-config.json, layered with Microsoft.Extensions.Configuration: the JSON file &lt;
/// environment variables (<c>LOADHARNESS__TARGET__APIBASEURL</c>) &lt; command-line flags (<see cref="ConfigOverrides"/>).
/// Every problem is reported at once, by JSON path (and line when it comes from the file); nothing throws for bad input.
/// </summary>
public sealed class RunSettingsLoader(RunSettingsLoaderOptions options)
{
    public ConfigLoadResult Load(string? configPath, ConfigOverrides? overrides = null)
    {
        overrides ??= ConfigOverrides.None;
        byte[] json = "{}"u8.ToArray();
        if (configPath is not null)
        {
            if (!File.Exists(configPath))
            {
                return Fail(new ConfigProblem("--config", Directory.Exists(configPath)
                    ? $"{configPath} is a folder: give the config file (e.g. {Path.Combine(configPath, "nbomber-config.json")})"
                    : $"file not found: {configPath}"));
            }

            try
            {
                json = ConfigJson.ReadFile(configPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail(new ConfigProblem("--config", $"cannot read {configPath}: {e.Message}"));
            }
        }

        return LoadJson(json, configPath, overrides);
    }

    /// <summary>Loads a config given as JSON text (a quick run's, built from flags); <paramref name="configPath"/> names it in messages.</summary>
    public ConfigLoadResult LoadJson(byte[] json, string? configPath, ConfigOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        json = ConfigJson.WithoutBom(json);
        overrides ??= ConfigOverrides.None;
        JsonLineMap lines;
        JsonDocument document;
        try
        {
            lines = JsonLineMap.Build(json);
            document = JsonDocument.Parse(json, ConfigJson.DocumentOptions);
        }
        catch (JsonException e)
        {
            return Fail(new ConfigProblem(configPath ?? "", $"not valid JSON: {e.Message.Split(" LineNumber:", 2)[0]}", (int?)(e.LineNumber + 1)));
        }

        var problems = new ConfigProblems(lines);
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Fail(new ConfigProblem(configPath ?? "", "the config must be a JSON object"));
            }

            UnknownKeyCheck.Run(document.RootElement, ConfigSchema.Root(HttpScenarioBinding.Schema, SqlScenarioBinding.Schema), "", problems);
            ExplainThresholds.Check(document.RootElement, problems);
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(json))
            .AddInMemoryCollection(EnvironmentLayer())
            .Build();
        var settings = Read(configuration, configPath, overrides, new ConfigValues(problems));
        return problems.Count == 0 ? new ConfigLoadResult(settings, []) : new ConfigLoadResult(null, problems.All);
    }

    private static ConfigLoadResult Fail(ConfigProblem problem) => new(null, [problem]);

    private RunSettings Read(IConfiguration configuration, string? configPath, ConfigOverrides overrides, ConfigValues values)
    {
        var global = configuration.GetSection("GlobalSettings");
        var scenarios = ConfigValues.Items(global.GetSection("ScenariosSettings"))
            .Select(s => ScenarioSettingsReader.Read(s, values, options, configPath is null ? null : Path.GetDirectoryName(Path.GetFullPath(configPath))))
            .OfType<ScenarioSettings>()
            .ToArray();
        foreach (var duplicate in scenarios.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            values.Problems.Add(duplicate.Last().Path + ".ScenarioName", $"scenario '{duplicate.Key}' is configured {duplicate.Count()} times");
        }

        var targetSection = configuration.GetSection("TargetScenarios");
        var targets = overrides.TargetScenarios ?? values.Strings(targetSection);
        var targetPath = overrides.TargetScenarios is null ? "TargetScenarios" : "--target-scenarios";
        if (targets is null || targets.Count == 0)
        {
            targets = scenarios.Select(s => s.Name).ToArray();
            if (targets.Count == 0)
            {
                values.Problems.Add("TargetScenarios", "no scenario to run: list TargetScenarios or GlobalSettings.ScenariosSettings (see `loadharness list`)");
            }
        }

        CheckTargets(targets, targetPath, overrides.TargetScenarios is null, scenarios, values);
        return new RunSettings
        {
            TestSuite = values.String(configuration.GetSection("TestSuite")) ?? "default",
            TestName = values.String(configuration.GetSection("TestName")) ?? "loadtest",
            ConfigPath = configPath,
            TargetScenarios = targets.Distinct(StringComparer.Ordinal).ToArray(),
            Scenarios = scenarios,
            Target = ReadTarget(configuration.GetSection("Target"), overrides, values),
            GlobalCustomSettings = global.GetSection("GlobalCustomSettings"),
            ReportFolder = overrides.ReportFolder ?? values.String(global.GetSection("ReportFolder")) ?? "reports",
            ReportFileName = values.String(global.GetSection("ReportFileName")),
            ReportFormats = ReadFormats(global.GetSection("ReportFormats"), overrides, values),
            ReportingInterval = values.Duration(global.GetSection("ReportingInterval"), positive: true) ?? RunSettings.DefaultReportingInterval,
            Segment = ReadSegment(overrides.Segment, values),
            DurationScale = ReadScale(overrides.DurationScale, values),
        };
    }

    private void CheckTargets(IReadOnlyList<string> targets, string path, bool fromFile, IReadOnlyList<ScenarioSettings> scenarios, ConfigValues values)
    {
        var known = options.Catalog.All.Select(d => d.Name).Concat(scenarios.Select(s => s.Name)).Distinct(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < targets.Count; i++)
        {
            var name = targets[i];
            if (known.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            var suggestion = NameSuggester.Closest(name, known);
            values.Problems.Add(fromFile ? ConfigPath.Index(path, i) : path, $"unknown scenario '{name}'"
                + (suggestion is null ? " (see `loadharness list`)" : $" (did you mean '{suggestion}'?)"));
        }
    }

    private static TargetSettings ReadTarget(IConfigurationSection section, ConfigOverrides overrides, ConfigValues values)
    {
        var api = overrides.ApiBaseUrl ?? values.String(section.GetSection("ApiBaseUrl"));
        var connection = overrides.ConnectionString ?? values.String(section.GetSection("ConnectionString"));
        var apiPath = overrides.ApiBaseUrl is null ? "Target.ApiBaseUrl" : "--api-base-url";
        if (api is not null && (!Uri.TryCreate(api, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            values.Problems.Add(apiPath, $"'{api}' is not an absolute http(s) URL (e.g. http://127.0.0.1:5080)");
        }

        if (connection is not null)
        {
            try
            {
                _ = new DbConnectionStringBuilder { ConnectionString = connection };
            }
            catch (ArgumentException)
            {
                values.Problems.Add("Target.ConnectionString", "is not a connection string (Host=...;Database=...;Username=...)");
            }
        }

        var metricsUrl = values.String(section.GetSection("MetricsUrl"));
        if (metricsUrl is not null && (!Uri.TryCreate(metricsUrl, UriKind.Absolute, out var metrics) || (metrics.Scheme != Uri.UriSchemeHttp && metrics.Scheme != Uri.UriSchemeHttps)))
        {
            values.Problems.Add("Target.MetricsUrl", $"'{metricsUrl}' is not an absolute http(s) URL (the application's Prometheus endpoint, e.g. http://127.0.0.1:5080/metrics)");
        }

        return new TargetSettings
        {
            ApiBaseUrl = api,
            ConnectionString = connection,
            MetricsUrl = metricsUrl,
            Metrics = values.Strings(section.GetSection("Metrics")) ?? [],
        };
    }

    private IReadOnlyList<string> ReadFormats(IConfigurationSection section, ConfigOverrides overrides, ConfigValues values)
    {
        var names = overrides.ReportFormats ?? values.Strings(section);
        if (names is null)
        {
            return ReportFormats.Default;
        }

        var result = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            var known = ReportFormats.Known.FirstOrDefault(k => string.Equals(k, names[i], StringComparison.OrdinalIgnoreCase));
            if (known is not null)
            {
                result.Add(known);
                continue;
            }

            var suggestion = NameSuggester.Closest(names[i], ReportFormats.Known);
            values.Problems.Add(overrides.ReportFormats is null ? ConfigPath.Index("GlobalSettings.ReportFormats", i) : "--formats",
                $"unknown report format '{names[i]}'" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)")
                + $" (known: {string.Join(", ", ReportFormats.Known)})");
        }

        return result.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    private static ExecutionSegment ReadSegment(string? text, ConfigValues values)
    {
        if (text is null)
        {
            return ExecutionSegment.Whole;
        }

        if (ExecutionSegment.TryParse(text, out var segment, out var error))
        {
            return segment!;
        }

        values.Problems.Add("--segment", error ?? $"'{text}' is not an execution segment (e.g. 0:1/4)");
        return ExecutionSegment.Whole;
    }

    private static double ReadScale(double? scale, ConfigValues values)
    {
        if (scale is not { } value)
        {
            return 1;
        }

        if (!(value > 0) || double.IsInfinity(value))
        {
            values.Problems.Add("--duration-scale", string.Create(CultureInfo.InvariantCulture, $"{value} must be a positive number (e.g. 0.1 for a tenth of the plan)"));
            return 1;
        }

        return value;
    }

    private IEnumerable<KeyValuePair<string, string?>> EnvironmentLayer()
    {
        var source = options.Environment
            ?? System.Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => e.Value as string, StringComparer.Ordinal);
        foreach (var (key, value) in source)
        {
            if (key.StartsWith(RunSettingsLoaderOptions.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                yield return new(key[RunSettingsLoaderOptions.EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), value);
            }
        }
    }
}
