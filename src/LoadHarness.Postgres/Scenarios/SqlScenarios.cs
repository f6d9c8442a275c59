using System.Globalization;
using System.Runtime.CompilerServices;
using LoadHarness.Core.Scenarios;
using LoadHarness.Postgres.Steps;
using Npgsql;

namespace LoadHarness.Postgres.Scenarios;

/// <summary>
/// The built-in <c>Sql</c> scenario: each iteration draws one row of every parameter query (the same row for every
/// parameter with the same <c>From</c>), then runs the queries in order, one step each, prepared on the scenario's own
/// pool (application name <c>loadharness:&lt;scenario&gt;</c>), with their checks on the rows read. A failed query does
/// not stop the iteration (as in k6); the iteration fails with its first failed step.
/// </summary>
public static class SqlScenarios
{
    /// <summary>
    /// Builds the scenario (load simulations and thresholds are applied by the command); its init hook reads the
    /// parameter rows. Throws <see cref="ArgumentException"/> listing every problem of invalid settings.
    /// </summary>
    public static ScenarioDefinition Create(string name, SqlScenarioSettings settings, string? targetConnectionString, string settingsPath = "Sql",
        SqlParameterCache? cache = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(settings);
        var errors = settings.Validate(settingsPath).ToList();
        var connectionString = ConnectionStringOf(settings, targetConnectionString);
        if (errors.Count == 0 && connectionString is null)
        {
            errors.Add($"{settingsPath}.ConnectionString: a Sql scenario needs it or Target.ConnectionString");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"scenario '{name}':\n  " + string.Join("\n  ", errors), nameof(settings));
        }

        var runtime = new Runtime(name, settings, connectionString!, cache);
        return Scenario.CreatePooled(name, runtime.IterationAsync)
            .WithInit(runtime.InitAsync)
            .WithClean(runtime.CleanAsync);
    }

    /// <summary>Each query's name and the SQL that runs (placeholders as <c>$n</c>), to find its figures in pg_stat_statements.</summary>
    public static IReadOnlyDictionary<string, string> NamedStatements(SqlScenarioSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return (settings.Queries ?? []).Where(q => q is not null && !string.IsNullOrWhiteSpace(q.Name) && !string.IsNullOrWhiteSpace(q.Sql))
            .GroupBy(q => q.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => SqlScenarioSettings.PositionalSql(g.First()), StringComparer.Ordinal);
    }

    /// <summary>
    /// Checks the settings against the database before any load (exit 2 on a problem): every parameter query runs and
    /// must return a row, every query is prepared (syntax, tables, columns, parameter types) with the first drawn values.
    /// Nothing is executed but the parameter queries. Each problem names its config path.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(SqlScenarioSettings settings, string? targetConnectionString, string settingsPath,
        SqlParameterCache? cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var connectionString = ConnectionStringOf(settings, targetConnectionString);
        if (connectionString is null || settings.Validate(settingsPath).Count > 0)
        {
            return [];
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "loadharness:check" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return [$"{(settings.ConnectionString is null ? "Target.ConnectionString" : settingsPath + ".ConnectionString")}: cannot connect ({e.Message})"];
        }

        var problems = new List<string>();
        var sources = new Dictionary<string, SqlParameterRows?>(StringComparer.Ordinal);
        for (var i = 0; i < settings.Queries.Count; i++)
        {
            var query = settings.Queries[i];
            var path = $"{settingsPath}.Queries[{i.ToString(CultureInfo.InvariantCulture)}]";
            var values = new object?[query.Parameters.Count];
            for (var j = 0; j < query.Parameters.Count; j++)
            {
                var parameter = query.Parameters[j];
                var from = parameter.From.Trim();
                if (!sources.TryGetValue(from, out var rows))
                {
                    var fromPath = $"{path}.Parameters[{j.ToString(CultureInfo.InvariantCulture)}].From";
                    try
                    {
                        rows = await SqlParameterRows.LoadAsync(connection, from, cancellationToken).ConfigureAwait(false);
                        cache?.Add(connectionString, from, rows);
                        if (rows.Rows.Length == 0)
                        {
                            problems.Add($"{fromPath}: returned no rows (the parameter @{parameter.Name} needs at least one value to draw)");
                            rows = null;
                        }
                    }
                    catch (PostgresException e)
                    {
                        problems.Add($"{fromPath}: {e.SqlState}: {e.MessageText}");
                        rows = null;
                    }

                    sources[from] = rows;
                }

                values[j] = rows is null ? null : rows.Rows[0][rows.ColumnOf(parameter.Name)];
            }

            if (values.Length > 0 && values.Any(v => v is null) && query.Parameters.Any(p => sources[p.From.Trim()] is null))
            {
                continue; // the parameter's problem is reported; preparing without its type would only add noise
            }

            try
            {
                await using var command = new NpgsqlCommand(SqlScenarioSettings.PositionalSql(query), connection);
                foreach (var value in values)
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
                }

                await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e)
            {
                problems.Add($"{path}.Sql: {e.SqlState}: {e.MessageText}" + (e.Position > 0 ? string.Create(CultureInfo.InvariantCulture, $" (at character {e.Position})") : ""));
            }
            catch (Exception e) when (e is NpgsqlException or InvalidCastException or NotSupportedException)
            {
                problems.Add($"{path}.Sql: {e.Message}");
            }
        }

        return problems;
    }

    private static string? ConnectionStringOf(SqlScenarioSettings settings, string? target) =>
        !string.IsNullOrWhiteSpace(settings.ConnectionString) ? settings.ConnectionString
        : !string.IsNullOrWhiteSpace(target) ? target
        : null;

    private sealed class Runtime(string name, SqlScenarioSettings settings, string connectionString, SqlParameterCache? cache)
    {
        private NpgsqlDataSource? dataSource;
        private Query[] queries = [];
        private SqlParameterRows[] sources = [];

        public async Task InitAsync(ScenarioInitContext context)
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString)
            {
                MaxPoolSize = settings.MaxPoolSize ?? SqlScenarioSettings.DefaultMaxPoolSize,
                MinPoolSize = settings.WarmConnectionCount,
                ApplicationName = "loadharness:" + name,
                NoResetOnClose = true,
            };

            // Named, so the pool's metrics say which scenario it belongs to.
            dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = builder.ApplicationName }.Build();
            var froms = settings.Queries.SelectMany(q => q.Parameters).Select(p => p.From.Trim()).Distinct(StringComparer.Ordinal).ToArray();
            await using (var connection = await dataSource.OpenConnectionAsync(context.CancellationToken).ConfigureAwait(false))
            {
                var loaded = new List<SqlParameterRows>();
                foreach (var from in froms)
                {
                    if (cache is null || !cache.TryGet(connectionString, from, out var rows))
                    {
                        rows = await SqlParameterRows.LoadAsync(connection, from, context.CancellationToken).ConfigureAwait(false);
                    }

                    loaded.Add(rows.Rows.Length > 0 ? rows
                        : throw new InvalidOperationException($"scenario '{name}': the parameter query returned no rows: {from}"));
                }

                sources = [.. loaded];
            }

            // One connection is open already (it drew the parameters): the rest of the warm ones, before any load.
            await PoolWarmUp.OpenAsync(dataSource, settings.WarmConnectionCount, context.CancellationToken).ConfigureAwait(false);

            queries = settings.Queries.Select(q => new Query(
                q.Name,
                SqlScenarioSettings.PositionalSql(q),
                [.. q.Parameters.Select(p =>
                {
                    var source = Array.IndexOf(froms, p.From.Trim());
                    return (source, sources[source].ColumnOf(p.Name));
                })],
                [.. q.Checks.Select(SqlCheck.Parse)])).ToArray();
        }

        public async Task CleanAsync(ScenarioInitContext context)
        {
            var current = Interlocked.Exchange(ref dataSource, null);
            if (current is not null)
            {
                await current.DisposeAsync().ConfigureAwait(false);
            }
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public async ValueTask<Response> IterationAsync(IScenarioContext ctx)
        {
            var drawn = new int[sources.Length];
            for (var i = 0; i < drawn.Length; i++)
            {
                drawn[i] = ctx.Random.Next(sources[i].Rows.Length);
            }

            Response? firstFailure = null;
            var last = Response.Ok();
            foreach (var query in queries)
            {
                var values = new object?[query.Parameters.Length];
                for (var i = 0; i < values.Length; i++)
                {
                    var (source, column) = query.Parameters[i];
                    values[i] = sources[source].Rows[drawn[source]][column];
                }

                last = await PgStep.Query(ctx, query.Name, dataSource!, new PgStatement(query.Sql, values), PgStepOptions.Default,
                    query.Checks.Length == 0 ? null : result =>
                    {
                        foreach (var check in query.Checks)
                        {
                            ctx.Check(check.Label, check.Passes(result.Rows));
                        }
                    }).ConfigureAwait(false);
                firstFailure ??= last.IsOk ? null : last;
            }

            return firstFailure ?? last;
        }

        private sealed record Query(string Name, string Sql, (int Source, int Column)[] Parameters, SqlCheck[] Checks);
    }
}
