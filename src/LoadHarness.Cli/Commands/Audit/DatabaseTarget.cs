using LoadHarness.Cli.Output;
using LoadHarness.Cli.Configuration;
using LoadHarness.Postgres.Audit;
using LoadHarness.Cli.Embedded;
using Microsoft.Extensions.Configuration;

namespace LoadHarness.Cli.Commands.Audit;

/// <summary>
/// The database <c>audit</c> and <c>bench-queries</c> read: <c>--connection-string</c>, else the config's
/// Target.ConnectionString, else the embedded default — a throwaway PostgreSQL with the sample seeded (no API: these
/// verbs need only the database), GlobalCustomSettings.SeedUsers users, the index migration as ApplyIndexMigration says
/// unless <c>--without-index-migration</c>. Dispose stops what was started.
/// </summary>
internal sealed class DatabaseTarget : IAsyncDisposable
{
    private DatabaseTarget(string connectionString, EmbeddedTarget? embedded, RunSettings? settings)
    {
        ConnectionString = connectionString;
        Embedded = embedded;
        Settings = settings;
    }

    public string ConnectionString { get; }

    public EmbeddedTarget? Embedded { get; }

    /// <summary>The loaded config (null: none).</summary>
    public RunSettings? Settings { get; }

    /// <summary>"127.0.0.1:5432/app as auditor" (no password), or "the embedded sample (...)".</summary>
    public string Describe()
    {
        var b = AuditConnection.Parse(ConnectionString);
        return Embedded is { } e
            ? $"the embedded sample ({e.Database.Users} users, index migration {(e.IndexMigrationApplied ? "applied" : "not applied")}) on {b.Host}:{b.Port}"
            : $"{b.Host}:{b.Port}/{b.Database} as {b.Username}";
    }

    /// <summary>The config given, or ./nbomber-config.json when it exists.</summary>
    public static string? ConfigPath(string? option) => option ?? (File.Exists("nbomber-config.json") ? "nbomber-config.json" : null);

    /// <summary>Loads the config (problems printed: exit 2) and validates the connection string given or configured.</summary>
    public static (RunSettings? Settings, string? ConnectionString, int? Exit) Resolve(CliContext cli, string? configPath, string? connectionOption)
    {
        RunSettings? settings = null;
        if (configPath is not null)
        {
            // These verbs run no scenario: a config with only Target and Queries is complete for them, so TargetScenarios is
            // not asked for (a shipped name stands in); everything else of the file is validated as for run.
            var catalog = CliCatalog.Create();
            var load = CliCatalog.Loader(catalog).Load(configPath, new ConfigOverrides
            {
                ConnectionString = connectionOption,
                TargetScenarios = [catalog.All.First().Name],
            });
            if (!load.IsValid)
            {
                ProblemPrinter.Print(cli, configPath, load.Problems);
                return (null, null, ExitCodes.InvalidInput);
            }

            settings = load.Settings;
        }

        var connection = connectionOption ?? settings?.Target.ConnectionString;
        if (string.IsNullOrWhiteSpace(connection))
        {
            return (settings, null, null);
        }

        try
        {
            AuditConnection.Parse(connection);
            return (settings, connection, null);
        }
        catch (AuditConnectionException e)
        {
            cli.Problem($"{(connectionOption is null ? "Target.ConnectionString" : "--connection-string")}: {e.Message}");
            return (settings, null, ExitCodes.InvalidInput);
        }
    }

    /// <summary>The given database, or the embedded sample started now.</summary>
    public static async Task<DatabaseTarget> OpenAsync(CliContext cli, RunSettings? settings, string? connectionString, bool withoutIndexMigration,
        bool quiet, CancellationToken cancellationToken)
    {
        if (connectionString is not null)
        {
            return new DatabaseTarget(connectionString, null, settings);
        }

        var global = settings?.GlobalCustomSettings;
        var defaults = new EmbeddedTargetOptions();
        var options = new EmbeddedTargetOptions
        {
            SeedUsers = global is null ? defaults.SeedUsers : global.GetValue("SeedUsers", defaults.SeedUsers),
            ApplyIndexMigration = !withoutIndexMigration && (global is null || global.GetValue("ApplyIndexMigration", true)),
            StartApi = false,
            Log = quiet ? null : line => cli.Out.WriteLine("  " + line),
        };
        cli.Out.WriteLine($"no Target.ConnectionString: starting the embedded PostgreSQL with the sample ({options.SeedUsers} users, index migration {(options.ApplyIndexMigration ? "applied" : "not applied")})...");
        var embedded = await EmbeddedTarget.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new DatabaseTarget(embedded.Target.ConnectionString!, embedded, settings);
    }

    public async ValueTask DisposeAsync()
    {
        if (Embedded is not null)
        {
            await Embedded.DisposeAsync().ConfigureAwait(false);
        }
    }
}
