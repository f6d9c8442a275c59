using LoadHarness.Cli.Configuration;
using LoadHarness.Cli.Embedded;
using Microsoft.Extensions.Configuration;

namespace LoadHarness.Cli.Embedded;

/// <summary>
/// The embedded default: with no target configured, a throwaway PostgreSQL (seeded) and the sample API are started
/// for the run and disposed afterwards, on every path (failure and Ctrl+C included, via <c>await using</c>).
/// </summary>
internal static class EmbeddedTargetScope
{
    /// <summary>Whether the targeted scenarios need a target the config does not give (an http scenario with its own BaseUrl does not).</summary>
    public static bool IsNeeded(RunSettings settings)
    {
        if (!settings.UsesEmbeddedTarget)
        {
            return false;
        }

        return settings.TargetScenarios.Any(name =>
            settings.Find(name) is not { Http: { } http } || string.IsNullOrWhiteSpace(HttpScenarioBinding.BaseUrl(http)));
    }

    /// <summary>Starts it; <paramref name="applyIndexMigration"/> overrides GlobalCustomSettings.ApplyIndexMigration (before/after: false).</summary>
    public static Task<EmbeddedTarget> StartAsync(RunSettings settings, Action<string> log, CancellationToken cancellationToken, bool? applyIndexMigration = null)
    {
        var global = settings.GlobalCustomSettings;
        var options = new EmbeddedTargetOptions
        {
            SeedUsers = global.GetValue("SeedUsers", new EmbeddedTargetOptions().SeedUsers),
            ApplyIndexMigration = applyIndexMigration ?? global.GetValue("ApplyIndexMigration", true),
            Log = log,
        };
        return EmbeddedTarget.StartAsync(options, cancellationToken);
    }
}
