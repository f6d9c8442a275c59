using LoadHarness.Core.Load;
using LoadHarness.Core.Scenarios;
using LoadHarness.Core.Thresholds;
using Microsoft.Extensions.Configuration;

namespace LoadHarness.Cli.Configuration;

/// <summary>
/// One validated <c>GlobalSettings.ScenariosSettings[]</c> entry. Null members keep the scenario's own default;
/// <see cref="ApplyTo"/> lays the config over a built scenario.
/// </summary>
public sealed record ScenarioSettings
{
    public required string Name { get; init; }

    /// <summary>The entry's JSON path, e.g. <c>GlobalSettings.ScenariosSettings[2]</c>.</summary>
    public required string Path { get; init; }

    /// <summary>From LoadSimulationsSettings or Stages; null = the scenario's default load.</summary>
    public IReadOnlyList<LoadSimulation>? LoadSimulations { get; init; }

    public TimeSpan? WarmUpDuration { get; init; }

    public TimeSpan? ThinkTimeMin { get; init; }

    public TimeSpan? ThinkTimeMax { get; init; }

    public TimeSpan? GracefulStop { get; init; }

    public TimeSpan? RequestTimeout { get; init; }

    public int? MaxVUs { get; init; }

    public int? MaxFailCount { get; init; }

    /// <summary>The config's thresholds; when the entry lists any, they replace the scenario's defaults.</summary>
    public IReadOnlyList<ThresholdDefinition> Thresholds { get; init; } = [];

    public bool HasThresholds { get; init; }

    public IConfiguration CustomSettings { get; init; } = Configuration.CustomSettings.Empty;

    /// <summary>The <c>Http</c> section of a built-in http scenario (no C#), or null for a registered scenario.</summary>
    public IConfigurationSection? Http { get; init; }

    public bool IsHttp => Http is not null;

    /// <summary>The <c>Sql</c> section of a built-in Sql scenario (queries straight against the database, no C#), or null.</summary>
    public IConfigurationSection? Sql { get; init; }

    /// <summary>
    /// The scenario with this entry's load, timings and thresholds over it, then every plan duration multiplied by
    /// <paramref name="durationScale"/> (simulations, stages, pauses, delayAbortEval; not think time, timeouts or the warm-up).
    /// </summary>
    public ScenarioDefinition ApplyTo(ScenarioDefinition scenario, double durationScale = 1)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var result = scenario;
        if (LoadSimulations is { } simulations)
        {
            result = result with { LoadSimulations = simulations };
        }

        if (WarmUpDuration is { } warmUp)
        {
            result = result.WithWarmUpDuration(warmUp);
        }

        if (ThinkTimeMin is { } min)
        {
            result = result.WithThinkTime(min, ThinkTimeMax ?? min);
        }

        if (GracefulStop is { } gracefulStop)
        {
            result = result.WithGracefulStop(gracefulStop);
        }

        if (RequestTimeout is { } timeout)
        {
            result = result.WithRequestTimeout(timeout);
        }

        if (MaxVUs is { } maxVUs)
        {
            result = result.WithMaxVUs(maxVUs);
        }

        if (MaxFailCount is { } maxFail)
        {
            result = result.WithMaxFailCount(maxFail);
        }

        if (HasThresholds)
        {
            result = result with { Thresholds = [] };
            result = result.WithThresholds([.. Thresholds]);
        }

        return DurationScaling.Scale(result, durationScale);
    }
}
