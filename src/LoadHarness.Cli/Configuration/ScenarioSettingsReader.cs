using Microsoft.Extensions.Configuration;

namespace LoadHarness.Cli.Configuration;

/// <summary>Reads and validates one <c>GlobalSettings.ScenariosSettings[]</c> entry.</summary>
internal static class ScenarioSettingsReader
{
    /// <param name="configFolder">The config file's folder, which request BodyFile paths are relative to (null: the current folder).</param>
    public static ScenarioSettings? Read(IConfigurationSection section, ConfigValues values, RunSettingsLoaderOptions options, string? configFolder = null)
    {
        var path = ConfigValues.PathOf(section);
        var name = values.String(section.GetSection("ScenarioName"));
        if (name is null)
        {
            values.Problems.Add(path, "ScenarioName is missing");
            return null;
        }

        var http = section.GetSection("Http");
        var isHttp = ConfigValues.IsPresent(http);
        var sql = section.GetSection("Sql");
        var isSql = ConfigValues.IsPresent(sql);
        if (isHttp && isSql)
        {
            values.Problems.Add(path + ".Sql", "a scenario has an Http or a Sql section, not both");
        }

        if (isSql)
        {
            if (options.Catalog.TryGet(name, out _))
            {
                values.Problems.Add(path + ".ScenarioName", $"'{name}' is a registered scenario; a Sql scenario needs a name of its own");
            }

            foreach (var error in SqlScenarioBinding.Validate(sql, path + ".Sql"))
            {
                AddPrefixed(values.Problems, error);
            }
        }
        else if (isHttp)
        {
            if (options.Catalog.TryGet(name, out _))
            {
                values.Problems.Add(path + ".ScenarioName", $"'{name}' is a registered scenario; an Http scenario needs a name of its own");
            }

            ReadBodyFiles(http, values, configFolder);
            foreach (var error in HttpScenarioBinding.Validate(http, path + ".Http"))
            {
                AddPrefixed(values.Problems, error);
            }
        }
        else if (!options.Catalog.TryGet(name, out _))
        {
            var suggestion = options.Catalog.Suggest(name);
            values.Problems.Add(path + ".ScenarioName", $"unknown scenario '{name}'"
                + (suggestion is null ? " (see `loadharness list`, or describe requests in an Http section, queries in a Sql section)" : $" (did you mean '{suggestion}'?)"));
        }

        var simulationsSection = section.GetSection("LoadSimulationsSettings");
        var stagesSection = section.GetSection("Stages");
        var hasSimulations = ConfigValues.IsPresent(simulationsSection);
        var hasStages = ConfigValues.IsPresent(stagesSection);
        if (hasSimulations && hasStages)
        {
            values.Problems.Add(path + ".Stages", "Stages and LoadSimulationsSettings cannot be mixed in one scenario (Stages is shorthand for RampingConstant steps); keep one");
        }

        var simulations = hasStages ? LoadSimulationReader.ReadStages(stagesSection, values)
            : hasSimulations ? LoadSimulationReader.ReadSimulations(simulationsSection, values)
            : null;
        var (thinkMin, thinkMax) = ReadThinkTime(section.GetSection("ThinkTime"), values);
        // A config-defined scenario's steps are its requests (Http) or queries (Sql), by Name.
        var steps = isHttp || isSql
            ? (isSql ? sql.GetSection("Queries") : http.GetSection("Requests")).GetChildren().Select(c => c["Name"]?.Trim()).OfType<string>().ToArray()
            : null;
        var thresholds = ThresholdReader.Read(section, name, values, steps);
        return new ScenarioSettings
        {
            Name = name,
            Path = path,
            LoadSimulations = simulations,
            WarmUpDuration = values.Duration(section.GetSection("WarmUpDuration")),
            ThinkTimeMin = thinkMin,
            ThinkTimeMax = thinkMax,
            GracefulStop = values.Duration(section.GetSection("GracefulStop")),
            RequestTimeout = values.Duration(section.GetSection("RequestTimeout"), positive: true),
            MaxVUs = values.Int(section.GetSection("MaxVUs"), 1, "a number of VUs"),
            MaxFailCount = values.Int(section.GetSection("MaxFailCount"), 0),
            Thresholds = thresholds,
            HasThresholds = ConfigValues.IsPresent(section.GetSection("Thresholds")) || ConfigValues.IsPresent(section.GetSection("ThresholdSettings")),
            CustomSettings = section.GetSection("CustomSettings"),
            Http = isHttp ? http : null,
            Sql = isSql ? sql : null,
        };
    }

    /// <summary>
    /// Each request's <c>BodyFile</c>, read into its <c>Body</c> (the configuration takes the text, so every reader of the
    /// section binds it): relative to the config file's folder, as k6's <c>open()</c> is to its script.
    /// </summary>
    private static void ReadBodyFiles(IConfigurationSection http, ConfigValues values, string? configFolder)
    {
        foreach (var request in http.GetSection("Requests").GetChildren())
        {
            var fileSection = request.GetSection("BodyFile");
            if (values.String(fileSection) is not { } file)
            {
                continue;
            }

            var filePath = ConfigValues.PathOf(fileSection);
            if (request["Body"] is not null)
            {
                values.Problems.Add(filePath, "a request has a Body or a BodyFile, not both");
                continue;
            }

            var full = Path.GetFullPath(Path.Combine(configFolder ?? Directory.GetCurrentDirectory(), file));
            try
            {
                request["Body"] = File.ReadAllText(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                values.Problems.Add(filePath, File.Exists(full) ? $"cannot read {full}: {e.Message}"
                    : $"file not found: {full} (BodyFile is relative to the config file's folder)");
            }
        }
    }

    /// <summary>"1s" (fixed) or "500ms..2s" (uniform random in the range).</summary>
    private static (TimeSpan? Min, TimeSpan? Max) ReadThinkTime(IConfigurationSection section, ConfigValues values)
    {
        var text = values.String(section);
        if (text is null)
        {
            return (null, null);
        }

        var parts = text.Split("..", 2, StringSplitOptions.TrimEntries);
        var min = values.ParseDuration(parts[0], ConfigValues.PathOf(section), positive: false);
        var max = parts.Length == 2 ? values.ParseDuration(parts[1], ConfigValues.PathOf(section), positive: false) : min;
        if (min is { } a && max is { } b && b < a)
        {
            values.Problems.Add(ConfigValues.PathOf(section), $"'{text}': the range's maximum is below its minimum");
            return (null, null);
        }

        return (min, max);
    }

    private static void AddPrefixed(ConfigProblems problems, string error)
    {
        var colon = error.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && !error[..colon].Contains(' ', StringComparison.Ordinal))
        {
            problems.Add(error[..colon], error[(colon + 2)..]);
        }
        else
        {
            problems.Add(new ConfigProblem("", error));
        }
    }
}
