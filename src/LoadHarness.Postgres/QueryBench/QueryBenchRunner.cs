using LoadHarness.Postgres.Audit;
using Npgsql;

namespace LoadHarness.Postgres.QueryBench;

/// <summary>
/// <c>bench-queries</c>: each query run N times with EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON), parameters drawn from real
/// rows, each run in a rolled-back transaction; median and p95 of execution and planning time, buffers, the plan's node
/// types, sequential scans over big tables flagged, the target judged. A query that cannot run is reported as failed
/// with its reason; the others still run.
/// </summary>
public static class QueryBenchRunner
{
    public const string ApplicationName = "loadharness:bench-queries";

    public static async Task<QueryBenchReport> RunAsync(string connectionString, IReadOnlyList<BenchQuery> queries, QueryBenchOptions? options = null,
        Action<QueryBenchResult>? onQuery = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        options ??= new QueryBenchOptions();
        await using var connection = await AuditConnection.OpenAsync(connectionString, ApplicationName, cancellationToken).ConfigureAwait(false);
        var session = new BenchSession(connection, options.MaxParameterRows);
        var started = DateTimeOffset.UtcNow;
        var tableRows = new Dictionary<(string?, string), long>();
        var results = new List<QueryBenchResult>();
        foreach (var query in queries)
        {
            QueryBenchResult result;
            try
            {
                result = await MeasureAsync(session, query, options, tableRows, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is BenchQueryException or PostgresException)
            {
                result = new QueryBenchResult
                {
                    Name = query.Name,
                    Sql = query.Sql,
                    Target = query.Target,
                    Role = query.Role,
                    Error = e is PostgresException pg ? $"{pg.SqlState}: {pg.MessageText}" : e.Message,
                };
            }

            results.Add(result);
            onQuery?.Invoke(result);
        }

        return new QueryBenchReport
        {
            ServerVersion = connection.PostgreSqlVersion.ToString(),
            Database = connection.Database,
            Role = connection.UserName ?? "",
            StartedAt = started,
            Queries = results,
            Notes =
            [
                "Times are EXPLAIN ANALYZE's Execution Time and Planning Time on the server: no network, no result transfer; EXPLAIN ANALYZE's own timing adds a little per plan node.",
                "Each run binds the next row of its parameters' From queries (no plan is judged on one lucky id) and runs in a transaction that is rolled back: an UPDATE under test changes nothing.",
                Fmt.Invariant($"A sequential scan over a table of {options.BigTableRows:#,0} rows or more is flagged."),
            ],
        };
    }

    /// <summary>Runs each query <paramref name="runsPerQuery"/> times plainly (no EXPLAIN, rolled back): traffic for an audit.</summary>
    public static async Task<int> RunTrafficAsync(string connectionString, IReadOnlyList<BenchQuery> queries, int runsPerQuery, CancellationToken cancellationToken = default)
    {
        await using var connection = await AuditConnection.OpenAsync(connectionString, ApplicationName, cancellationToken).ConfigureAwait(false);
        var session = new BenchSession(connection, 1_000);
        var executed = 0;
        foreach (var query in queries)
        {
            try
            {
                await session.DrawAsync(query, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < runsPerQuery; i++)
                {
                    await session.RunAsync(query, i, explain: false, asRole: query.HasRole, cancellationToken).ConfigureAwait(false);
                    executed++;
                }
            }
            catch (Exception e) when (e is BenchQueryException or PostgresException)
            {
                // A query that cannot run sends no traffic; bench-queries reports why.
            }
        }

        if (connection.PostgreSqlVersion.Major >= 15)
        {
            await using var flush = new NpgsqlCommand("SELECT pg_stat_force_next_flush()", connection);
            await flush.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return executed;
    }

    private static async Task<QueryBenchResult> MeasureAsync(BenchSession session, BenchQuery query, QueryBenchOptions options,
        Dictionary<(string?, string), long> tableRows, CancellationToken ct)
    {
        var parameterRows = await session.DrawAsync(query, ct).ConfigureAwait(false);
        var runs = Math.Max(1, query.Runs ?? options.Runs);
        var measured = await RunManyAsync(session, query, runs, options.WarmUpRuns, asRole: query.HasRole, ct).ConfigureAwait(false);
        double? rlsOverhead = null;
        if (query.HasRole)
        {
            var without = await RunManyAsync(session, query, runs, options.WarmUpRuns, asRole: false, ct).ConfigureAwait(false);
            rlsOverhead = Percentiles.Of(Sorted(measured, r => r.ExecutionMs), 50) - Percentiles.Of(Sorted(without, r => r.ExecutionMs), 50);
        }

        var execution = Sorted(measured, r => r.ExecutionMs);
        var planning = Sorted(measured, r => r.PlanningMs);
        var last = measured[^1];
        var scans = new List<PlanScan>();
        foreach (var (type, schema, relation, index) in last.Scans)
        {
            var rows = relation is null ? -1 : await TableRowsAsync(session.Connection, tableRows, schema, relation, ct).ConfigureAwait(false);
            scans.Add(new PlanScan(type, relation, index, rows, type.EndsWith("Seq Scan", StringComparison.Ordinal) && rows >= options.BigTableRows));
        }

        var measuredMs = query.Target?.Measure(execution);
        return new QueryBenchResult
        {
            Name = query.Name,
            Sql = query.Sql,
            Target = query.Target,
            Runs = runs,
            ParameterRows = parameterRows,
            ExecutionTimesMs = execution,
            ExecutionMedianMs = Percentiles.Of(execution, 50),
            ExecutionP95Ms = Percentiles.Of(execution, 95),
            ExecutionMaxMs = execution[^1],
            PlanningMedianMs = Percentiles.Of(planning, 50),
            PlanningP95Ms = Percentiles.Of(planning, 95),
            MeasuredMs = measuredMs,
            SharedHitMedian = Percentiles.Of(Sorted(measured, r => r.SharedHit), 50),
            SharedReadMedian = Percentiles.Of(Sorted(measured, r => r.SharedRead), 50),
            RowsMedian = Percentiles.Of(Sorted(measured, r => r.Rows), 50),
            NodeTypes = last.NodeTypes,
            Scans = scans,
            Role = query.Role,
            RlsOverheadMs = rlsOverhead,
            RlsTargetMs = query.RlsTargetMs,
            Met = measuredMs is { } ms ? ms < query.Target!.ThresholdMs : null,
            FailsOnBigSequentialScan = options.FailOnBigSequentialScan,
            RlsMet = rlsOverhead is { } overhead && query.RlsTargetMs is { } rlsTarget ? overhead < rlsTarget : null,
        };
    }

    private static async Task<List<ExplainRun>> RunManyAsync(BenchSession session, BenchQuery query, int runs, int warmUp, bool asRole, CancellationToken ct)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await session.RunAsync(query, i, explain: true, asRole, ct).ConfigureAwait(false);
        }

        var list = new List<ExplainRun>(runs);
        for (var i = 0; i < runs; i++)
        {
            list.Add((await session.RunAsync(query, i, explain: true, asRole, ct).ConfigureAwait(false))!);
        }

        return list;
    }

    private static double[] Sorted(List<ExplainRun> runs, Func<ExplainRun, double> value) => runs.Select(value).Order().ToArray();

    private static async Task<long> TableRowsAsync(NpgsqlConnection connection, Dictionary<(string?, string), long> cache, string? schema, string relation, CancellationToken ct)
    {
        if (cache.TryGetValue((schema, relation), out var rows))
        {
            return rows;
        }

        await using var command = new NpgsqlCommand(
            "SELECT c.reltuples::int8 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relname = $1 AND ($2::text IS NULL OR n.nspname = $2) ORDER BY n.nspname = 'public' DESC LIMIT 1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = relation });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)schema ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        rows = await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is long value ? value : -1;
        cache[(schema, relation)] = rows;
        return rows;
    }
}
