using LoadHarness.Postgres.Scenarios;
using LoadHarness.Core.Scenarios;
using Npgsql;

namespace LoadHarness.Scenarios.Db;

/// <summary>
/// One pooled <see cref="NpgsqlDataSource"/> per db scenario (Max Pool Size from <c>MaxPoolSize</c>, default 100), created on first use (the pool opens connections as VUs
/// need them) and disposed by the scenario's clean hook; a later run of the same definition creates a new one.
/// </summary>
internal sealed class DbScenarioResources(string scenarioName, string connectionString, int maxPoolSize, int warmConnections)
{
    private NpgsqlDataSource? dataSource;

    public NpgsqlDataSource DataSource => Volatile.Read(ref dataSource) ?? Create();

    /// <summary>
    /// The scenario's init hook (not measured): opens <c>WarmConnections</c> connections, a few at a time, and returns
    /// them to the pool, so the first iterations do not all wait for new server processes at once (a connection storm
    /// that on a busy machine ran into the 15 s connect timeout).
    /// </summary>
    public Task InitAsync(ScenarioInitContext context) =>
        PoolWarmUp.OpenAsync(DataSource, Math.Min(warmConnections, maxPoolSize), context.CancellationToken);

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
            MinPoolSize = Math.Min(warmConnections, Math.Max(maxPoolSize, 1)),
            ApplicationName = "loadharness:" + scenarioName,
            // The step measures the seed's query: no reset statements (DISCARD/RESET ALL) prepended to the next one.
            // Nothing leaks: the only state set is app.user_id, transaction-local (AsApiRole).
            NoResetOnClose = true,
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
