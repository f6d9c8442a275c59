using System.Globalization;

namespace TargetApi.Migrations;

/// <summary>
/// <c>TargetApi migrate &lt;schema|seed|indexes|all&gt; [--users N] [--connection "..."]</c>: prepares a database without the
/// harness. The connection string (an owner/superuser) comes from --connection or ConnectionStrings__TargetDb.
/// </summary>
public static class MigrateCommand
{
    public const int DefaultUsers = 10_000;

    public const string Usage =
        "usage: TargetApi migrate <schema|seed|indexes|all> [--users N] [--connection \"Host=...;Username=postgres\"]\n" +
        "  schema   create tables, role target_api, row-level security (skipped when present)\n" +
        "  seed     deterministic data for N users (default 10000), then CHECKPOINT + VACUUM ANALYZE\n" +
        "  indexes  the performance migration (db/003_performance_indexes.sql)\n" +
        "  all      schema + seed (no indexes: the audit's \"before\" state; run indexes afterwards)\n" +
        "The connection defaults to the environment variable ConnectionStrings__TargetDb.";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (args.Length == 0 || args[0] is not ("schema" or "seed" or "indexes" or "all"))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var users = DefaultUsers;
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__TargetDb");
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--users" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out users) && users > 0:
                case "--connection" when i + 1 < args.Length && (connection = args[i + 1]) is not null:
                    i++;
                    break;
                default:
                    await error.WriteLineAsync($"invalid argument '{args[i]}'\n{Usage}");
                    return 2;
            }
        }

        if (string.IsNullOrWhiteSpace(connection))
        {
            await error.WriteLineAsync($"no connection string: set ConnectionStrings__TargetDb or pass --connection\n{Usage}");
            return 2;
        }

        var migrator = new DatabaseMigrator(connection, output);
        if (args[0] is "schema" or "all")
        {
            await migrator.ApplySchemaAsync(ct);
        }

        if (args[0] is "seed" or "all")
        {
            await migrator.SeedAsync(users, ct);
        }

        if (args[0] is "indexes")
        {
            await migrator.ApplyIndexesAsync(ct);
        }

        return 0;
    }
}
