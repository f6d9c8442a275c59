using LoadHarness.Cli.Configuration;
using LoadHarness.Http;
using LoadHarness.Scenarios.Catalog;
using Microsoft.Extensions.Configuration;

namespace LoadHarness.Cli.Embedded;

/// <summary>
/// The embedded default: with no target configured, a throwaway PostgreSQL (seeded) and the sample API are started
/// for the run and disposed afterwards, on every path (failure and Ctrl+C included, via <c>await using</c>).
/// </summary>
internal static class EmbeddedTargetScope
{
    /// <summary>
    /// What the embedded default must start for the targeted scenarios, when no target is configured: nothing for http
    /// scenarios whose requests are absolute or that have their own BaseUrl, nor for Sql scenarios with their own
    /// ConnectionString; PostgreSQL alone for database scenarios (Sql ones included); PostgreSQL and the sample API
    /// (which runs on it) for scenarios that call the API.
    /// </summary>
    public static ScenarioRequirements Needs(RunSettings settings, ScenarioCatalog catalog)
    {
        if (!settings.UsesEmbeddedTarget)
        {
            return ScenarioRequirements.None;
        }

        var needs = ScenarioRequirements.None;
        foreach (var name in settings.TargetScenarios)
        {
            if (settings.Find(name) is { Sql: { } sql })
            {
                needs |= SqlScenarioBinding.HasOwnConnection(sql) ? ScenarioRequirements.None : ScenarioRequirements.Database;
            }
            else if (settings.Find(name) is { Http: { } http })
            {
                needs |= string.IsNullOrWhiteSpace(HttpScenarioBinding.BaseUrl(http))
                    && HttpScenarioBinding.Bind(http).Requests.Any(r => !HttpUrls.LooksAbsolute(r.Url.Trim()))
                        ? ScenarioRequirements.Api
                        : ScenarioRequirements.None;
            }
            else
            {
                needs |= catalog.TryGet(name, out var descriptor) ? descriptor.Requires : ScenarioRequirements.Api | ScenarioRequirements.Database;
            }
        }

        // The sample API runs on the sample database.
        return needs.HasFlag(ScenarioRequirements.Api) ? needs | ScenarioRequirements.Database : needs;
    }

    /// <summary>What is started, in words, for the console.</summary>
    public static string Describe(ScenarioRequirements needs) => needs.HasFlag(ScenarioRequirements.Api)
        ? "starting the embedded PostgreSQL and sample API"
        : "starting the embedded PostgreSQL (the selected scenarios call no API)";

    /// <summary>Starts it; <paramref name="applyIndexMigration"/> overrides GlobalCustomSettings.ApplyIndexMigration (before/after: false).</summary>
    public static Task<EmbeddedTarget> StartAsync(
        RunSettings settings, ScenarioRequirements needs, Action<string> log, CancellationToken cancellationToken, bool? applyIndexMigration = null)
    {
        var global = settings.GlobalCustomSettings;
        var options = new EmbeddedTargetOptions
        {
            SeedUsers = global.GetValue("SeedUsers", new EmbeddedTargetOptions().SeedUsers),
            ApplyIndexMigration = applyIndexMigration ?? global.GetValue("ApplyIndexMigration", true),
            StartApi = needs.HasFlag(ScenarioRequirements.Api),
            ApiMaxPoolSize = global.GetValue<int?>("ApiMaxPoolSize", null),
            ApiWarmConnections = Math.Max(0, global.GetValue("ApiWarmConnections", EmbeddedTargetOptions.DefaultApiWarmConnections)),
            Log = log,
        };
        return EmbeddedTarget.StartAsync(options, cancellationToken);
    }
}
