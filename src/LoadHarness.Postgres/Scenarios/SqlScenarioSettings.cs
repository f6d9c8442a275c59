using System.Globalization;
using Npgsql;

namespace LoadHarness.Postgres.Scenarios;

/// <summary>
/// The built-in <c>Sql</c> scenario as the config describes it (no C#): queries run straight against the database,
/// one step each, prepared on pooled connections, parameters drawn from rows the database returns. Bound from e.g.
/// <c>GlobalSettings.ScenariosSettings[1].Sql</c>.
/// </summary>
public sealed class SqlScenarioSettings
{
    /// <summary>Defaults to <c>Target.ConnectionString</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The scenario's pool (Max Pool Size); default 100, the seed's VUs.</summary>
    public int? MaxPoolSize { get; set; }

    /// <summary>
    /// Connections opened in the scenario's init (not measured) and kept (Min Pool Size), so a rise of the load does not
    /// open them all at once (<see cref="PoolWarmUp"/>); default 20, at most MaxPoolSize. The default config: 100, its VUs.
    /// </summary>
    public int? WarmConnections { get; set; }

    public List<SqlQuerySettings> Queries { get; set; } = [];

    public const int DefaultMaxPoolSize = 100;

    public const int DefaultWarmConnections = 20;

    /// <summary>The connections the init opens: WarmConnections (default 20), at most MaxPoolSize.</summary>
    public int WarmConnectionCount => Math.Min(WarmConnections ?? DefaultWarmConnections, MaxPoolSize ?? DefaultMaxPoolSize);

    /// <summary>Every problem found without a database (empty when valid), each prefixed by its config path under <paramref name="path"/>.</summary>
    public IReadOnlyList<string> Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var errors = new List<string>();
        if (ConnectionString is not null)
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(ConnectionString);
            }
            catch (ArgumentException)
            {
                errors.Add($"{path}.ConnectionString: is not an Npgsql connection string (Host=...;Database=...;Username=...)");
            }
        }

        if (MaxPoolSize is { } max && max < 1)
        {
            errors.Add($"{path}.MaxPoolSize: {max.ToString(CultureInfo.InvariantCulture)} must be at least 1");
        }

        if (WarmConnections is { } warm && warm < 0)
        {
            errors.Add($"{path}.WarmConnections: {warm.ToString(CultureInfo.InvariantCulture)} must be 0 or more");
        }

        if (Queries is null || Queries.Count == 0)
        {
            errors.Add($"{path}.Queries: at least one query is needed ({{ \"Name\", \"Sql\", \"Parameters\": [{{ \"Name\", \"From\" }}] }})");
            return errors;
        }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Queries.Count; i++)
        {
            var p = $"{path}.Queries[{i.ToString(CultureInfo.InvariantCulture)}]";
            var query = Queries[i];
            if (query is null)
            {
                errors.Add($"{p}: is empty");
                continue;
            }

            if (string.IsNullOrWhiteSpace(query.Name))
            {
                errors.Add($"{p}.Name: a query needs a name (it is the step's name and the statement's: db.statement(name))");
            }
            else if (!names.TryAdd(query.Name, i))
            {
                errors.Add($"{p}.Name: '{query.Name}' is already the name of Queries[{names[query.Name].ToString(CultureInfo.InvariantCulture)}]");
            }
            else if (query.Name.Contains(')', StringComparison.Ordinal))
            {
                errors.Add($"{p}.Name: '{query.Name}' may not contain ')' (thresholds name it as db.statement({query.Name}))");
            }

            ValidateQuery(query, p, errors);
        }

        return errors;
    }

    /// <summary>The query's SQL with <c>@name</c> placeholders rewritten to <c>$n</c>: what runs and what pg_stat_statements shows.</summary>
    public static string PositionalSql(SqlQuerySettings query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return SqlPlaceholders.ToPositional(query.Sql ?? "", [.. (query.Parameters ?? []).Select(p => p?.Name ?? "")], out _);
    }

    private static void ValidateQuery(SqlQuerySettings query, string p, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(query.Sql))
        {
            errors.Add($"{p}.Sql: is empty");
        }

        var parameters = query.Parameters ?? [];
        var parameterNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var j = 0; j < parameters.Count; j++)
        {
            var pp = $"{p}.Parameters[{j.ToString(CultureInfo.InvariantCulture)}]";
            var parameter = parameters[j];
            if (parameter is null)
            {
                errors.Add($"{pp}: is empty");
                continue;
            }

            if (string.IsNullOrWhiteSpace(parameter.Name))
            {
                errors.Add($"{pp}.Name: a parameter needs a name (@name in the SQL)");
            }
            else if (!parameterNames.Add(parameter.Name))
            {
                errors.Add($"{pp}.Name: '{parameter.Name}' is given twice");
            }

            if (string.IsNullOrWhiteSpace(parameter.From))
            {
                errors.Add($"{pp}.From: is empty (a query whose rows give the values, e.g. SELECT id FROM users ORDER BY random() LIMIT 10000)");
            }
        }

        if (!string.IsNullOrWhiteSpace(query.Sql))
        {
            var sql = SqlPlaceholders.ToPositional(query.Sql, [.. parameters.Select(x => x?.Name ?? "")], out var unknown);
            foreach (var name in unknown.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{p}.Sql: @{name} is not one of its Parameters ({(parameters.Count == 0 ? "none" : string.Join(", ", parameters.Select(x => x?.Name)))})");
            }

            var highest = SqlPlaceholders.HighestPositional(sql);
            if (highest > parameters.Count)
            {
                errors.Add($"{p}.Sql: ${highest.ToString(CultureInfo.InvariantCulture)} needs {highest.ToString(CultureInfo.InvariantCulture)} Parameters, {parameters.Count.ToString(CultureInfo.InvariantCulture)} given");
            }
        }

        for (var j = 0; j < (query.Checks?.Count ?? 0); j++)
        {
            if (!SqlCheck.TryParse(query.Checks![j] ?? "", out _, out var error))
            {
                errors.Add($"{p}.Checks[{j.ToString(CultureInfo.InvariantCulture)}]: {error}");
            }
        }
    }
}
