using LoadHarness.Core.Scenarios;
using Npgsql;

namespace LoadHarness.Scenarios.Db;

/// <summary>
/// One pooled <see cref="NpgsqlDataSource"/> per db scenario, created on first use (the pool opens connections as VUs
/// need them) and disposed by the scenario's clean hook; a later run of the same definition creates a new one.
/// </summary>
internal sealed class DbScenarioResources(string scenarioName, string connectionString, int maxPoolSize)
{
    private NpgsqlDataSource? dataSource;

    public NpgsqlDataSource DataSource => Volatile.Read(ref dataSource) ?? Create();

    public async Task CleanAsync(ScenarioInitContext context)
    {
        var current = Interlocked.Exchange(ref dataSource, null);
        if (current is not null)
        {
            await current.DisposeAsync().ConfigureAwait(false);
        }
    }

    private NpgsqlDataSource Create()
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = Math.Max(maxPoolSize, 1),
            MinPoolSize = 0,
            ApplicationName = "loadharness:" + scenarioName,
        };
        // Named, so the pool's metrics (see Postgres.Health.NpgsqlPoolMonitor) say which scenario it belongs to.
        var created = new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = builder.ApplicationName }.Build();
        var winner = Interlocked.CompareExchange(ref dataSource, created, null);
        if (winner is null)
        {
            return created;
        }

        created.Dispose();
        return winner;
    }
}
