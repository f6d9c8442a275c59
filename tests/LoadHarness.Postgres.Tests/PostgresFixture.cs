using LoadHarness.Postgres.Local;
using Npgsql;

namespace LoadHarness.Postgres.Tests;

/// <summary>One LocalPostgres cluster for the whole test run (pg_stat_statements preloaded); each test class makes its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private int databases;

    public LocalPostgres Postgres { get; private set; } = null!;

    public async Task InitializeAsync() => Postgres = await LocalPostgres.StartAsync();

    public async Task DisposeAsync() => await Postgres.DisposeAsync();

    /// <summary>A new database (pg_stat_statements created in it) and its superuser connection string.</summary>
    public Task<string> CreateDatabaseAsync(string prefix) =>
        Postgres.CreateDatabaseAsync(prefix + "_" + Interlocked.Increment(ref databases));

    /// <summary>The same database as another role.</summary>
    public static string As(string connectionString, string role, string password) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Password = password }.ConnectionString;
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
