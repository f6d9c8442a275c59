using System.Globalization;
using Npgsql;

namespace TargetApi.Migrations;

/// <summary>Applies the SQL files of db/ (copied beside the executable) with an owner (superuser) connection.</summary>
public sealed class DatabaseMigrator(string ownerConnectionString, TextWriter log)
{
    public static string SqlFolder => Path.Combine(AppContext.BaseDirectory, "db");

    /// <summary>db/001_schema.sql, unless the users table exists already.</summary>
    public async Task ApplySchemaAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        if (await ScalarAsync<bool>(connection, "SELECT to_regclass('public.users') IS NOT NULL", ct))
        {
            await log.WriteLineAsync("schema: already present, skipped");
            return;
        }

        await ExecuteFileAsync(connection, "001_schema.sql", ct);
        await log.WriteLineAsync("schema: created (role target_api, row-level security)");
    }

    /// <summary>db/002_seed.sql for <paramref name="users"/> users, then CHECKPOINT and VACUUM ANALYZE.</summary>
    public async Task SeedAsync(int users, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        if (await ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM users)", ct))
        {
            throw new InvalidOperationException("The users table is not empty: seed an empty database (migrate schema first).");
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await ExecuteAsync(connection, "SET seed.users = " + users.ToString(CultureInfo.InvariantCulture), ct);
        await ExecuteFileAsync(connection, "002_seed.sql", ct);
        await AnalyzeAsync(connection, ct);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"seed: {users} users in {watch.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>db/003_performance_indexes.sql (idempotent), then CHECKPOINT and VACUUM ANALYZE.</summary>
    public async Task ApplyIndexesAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await ExecuteFileAsync(connection, "003_performance_indexes.sql", ct);
        await AnalyzeAsync(connection, ct);
        await log.WriteLineAsync("indexes: applied");
    }

    private static async Task AnalyzeAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await ExecuteAsync(connection, "CHECKPOINT", ct);
        await ExecuteAsync(connection, "VACUUM ANALYZE", ct);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false, CommandTimeout = 0 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task ExecuteFileAsync(NpgsqlConnection connection, string file, CancellationToken ct) =>
        await ExecuteAsync(connection, await File.ReadAllTextAsync(Path.Combine(SqlFolder, file), ct), ct);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}
