using System.Diagnostics;
using System.Globalization;
using LoadHarness.Scenarios.Catalog;
using LoadHarness.Postgres.Local;
using TargetApi.Database;
using Npgsql;

namespace LoadHarness.Cli.Embedded;

/// <summary>
/// The embedded default: a throwaway PostgreSQL cluster (<see cref="LocalPostgres"/>) with the sample schema, N seeded
/// users and (optionally) the index migration, then samples/TargetApi as a child process on a free 127.0.0.1 port.
/// <see cref="DisposeAsync"/> always stops both; so does this process exiting.
/// </summary>
public sealed class EmbeddedTarget : IAsyncDisposable
{
    private const string DatabaseName = "target";

    /// <summary>Room for the default config's five db scenarios (Max Pool Size 100 each) and the API's pool (100).</summary>
    private const int MaxConnections = 700;

    /// <summary>
    /// The whole sample (10,000 users: 369 MB, 141 MB of it indexes) fits in memory, as a database in service of that size
    /// does: with 256 MB the seed's "index hit ratio &gt; 99 %" measured the cluster, not the queries (0.96 after a
    /// before/after's sequential scans).
    /// </summary>
    private const string SharedBuffers = "512MB";

    private readonly LocalPostgres cluster;
    private readonly TargetApiProcess? api;
    private readonly Action<string>? log;
    private int disposed;

    private EmbeddedTarget(LocalPostgres cluster, TargetApiProcess? api, SampleDatabaseInfo database, Action<string>? log)
    {
        this.cluster = cluster;
        this.api = api;
        this.log = log;
        Database = database;
        IndexMigrationApplied = database.IndexesApplied;
        Target = new TargetSettings
        {
            ApiBaseUrl = api?.BaseUrl.ToString().TrimEnd('/'),

            // The sample API exports its Npgsql pool metrics: the run sees the application's own pool (app.pool_usage).
            MetricsUrl = api is null ? null : new Uri(api.BaseUrl, "metrics").ToString(),
            ConnectionString = database.OwnerConnectionString,
            ApiRoleConnectionString = database.ApiConnectionString,
            IsEmbedded = true,
        };
    }

    /// <summary>ApiBaseUrl and MetricsUrl (null without the API), the owner's and the API role's connection strings; IsEmbedded = true.</summary>
    public TargetSettings Target { get; }

    /// <summary>What was seeded.</summary>
    public SampleDatabaseInfo Database { get; }

    /// <summary>Whether db/003_performance_indexes.sql has been applied.</summary>
    public bool IndexMigrationApplied { get; private set; }

    /// <summary>Starts the cluster, seeds it and starts the API; anything started is stopped again when a step fails.</summary>
    public static async Task<EmbeddedTarget> StartAsync(EmbeddedTargetOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SeedUsers, 1);
        var log = options.Log;
        var watch = Stopwatch.StartNew();
        var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions { MaxConnections = MaxConnections, SharedBuffers = SharedBuffers }, cancellationToken).ConfigureAwait(false);
        TargetApiProcess? api = null;
        try
        {
            log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL started on 127.0.0.1:{cluster.Port} ({watch.Elapsed.TotalSeconds:0.0} s)"));
            var owner = await cluster.CreateDatabaseAsync(DatabaseName, cancellationToken).ConfigureAwait(false);
            var database = await SampleDatabase.CreateAsync(owner,
                new SampleDatabaseOptions { Users = options.SeedUsers, ApplyIndexes = options.ApplyIndexMigration },
                cancellationToken).ConfigureAwait(false);
            await PrewarmAsync(database.OwnerConnectionString, cancellationToken).ConfigureAwait(false);
            log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"seeded {database.Users} users, {database.Businesses} businesses in {database.SeedDuration.TotalSeconds:0.0} s; index migration {(database.IndexesApplied ? "applied" : "not applied (before)")}"));
            if (options.StartApi)
            {
                // Named, so pg_stat_activity (db.connections.app(TargetApi)) tells the API's connections from the harness's.
                var apiConnection = new NpgsqlConnectionStringBuilder(database.ApiConnectionString) { ApplicationName = "TargetApi" };
                if (options.ApiMaxPoolSize is { } poolSize)
                {
                    apiConnection.MaxPoolSize = poolSize;
                }

                // A service in use has its pool open: warm, a rise of the load (or a stall of the machine piling the
                // requests up) does not fork dozens of server processes at once.
                apiConnection.MinPoolSize = Math.Min(options.ApiWarmConnections, apiConnection.MaxPoolSize);

                api = await TargetApiProcess.StartAsync(apiConnection.ConnectionString, options.ApiStartTimeout, log, cancellationToken)
                    .ConfigureAwait(false);
            }

            return new EmbeddedTarget(cluster, api, database, log);
        }
        catch
        {
            if (api is not null)
            {
                await api.DisposeAsync().ConfigureAwait(false);
            }

            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The audit's fix, for before/after: db/003_performance_indexes.sql, CHECKPOINT + VACUUM ANALYZE, and fresh
    /// statistics (pg_stat_statements and pg_stat_* reset) so the "after" run is measured on its own.
    /// </summary>
    public async Task ApplyIndexMigrationAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var owner = Target.ConnectionString!;
        await SampleDatabase.ApplyIndexesAsync(owner, cancellationToken).ConfigureAwait(false);
        await SampleDatabase.CheckpointAndAnalyzeAsync(owner, cancellationToken).ConfigureAwait(false);
        await PrewarmAsync(owner, cancellationToken).ConfigureAwait(false);
        await ResetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        IndexMigrationApplied = true;
        log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"index migration applied in {watch.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>
    /// Loads the sample's tables, then its indexes, into shared_buffers (pg_prewarm), as a database in service has them: a new
    /// index is written past shared_buffers and VACUUM reads through a small ring, so a fresh cluster's first reads are
    /// misses that a production database does not have (db.index_hit_ratio measured 0.85 without this, 1000 users).
    /// </summary>
    private static async Task PrewarmAsync(string ownerConnectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString + ";Pooling=false");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            CREATE EXTENSION IF NOT EXISTS pg_prewarm;
            SELECT count(pg_prewarm(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 't', 'm');
            SELECT count(pg_prewarm(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'i';
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resets pg_stat_statements and the cumulative table statistics of the sample database.</summary>
    public async Task ResetStatisticsAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Target.ConnectionString + ";Pooling=false");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT pg_stat_statements_reset(); SELECT pg_stat_reset();", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the API process (whole tree), then the cluster (and deletes its folder). Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (api is not null)
            {
                await api.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            log?.Invoke("embedded target stopped");
        }
    }
}
