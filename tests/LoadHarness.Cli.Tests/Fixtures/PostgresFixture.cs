using LoadHarness.Postgres.Local;
using Npgsql;

namespace LoadHarness.Cli.Tests.Fixtures;

/// <summary>One LocalPostgres cluster for the audit and bench-queries verb tests; each test makes its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private int databases;

    public LocalPostgres Postgres { get; private set; } = null!;

    public async Task InitializeAsync() => Postgres = await LocalPostgres.StartAsync();

    public async Task DisposeAsync() => await Postgres.DisposeAsync();

    /// <summary>A new database holding <paramref name="sql"/> (statements run one by one), then ANALYZE.</summary>
    public async Task<string> DatabaseAsync(string prefix, params string[] sql)
    {
        var connectionString = await Postgres.CreateDatabaseAsync(prefix + "_" + Interlocked.Increment(ref databases));
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        foreach (var statement in sql.Append("ANALYZE"))
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }

        return connectionString;
    }

    /// <summary>Runs <paramref name="sql"/> once per argument, then flushes the session's statistics (PostgreSQL 15+).</summary>
    public static async Task WorkloadAsync(string connectionString, string sql, IEnumerable<object> arguments)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        foreach (var argument in arguments)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
            await command.ExecuteNonQueryAsync();
        }

        await using var flush = new NpgsqlCommand(connection.PostgreSqlVersion.Major >= 15 ? "SELECT pg_stat_force_next_flush()" : "SELECT pg_sleep(1)", connection);
        await flush.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
