using LoadHarness.Core.Scenarios;
using LoadHarness.Postgres.Scenarios;
using Microsoft.Extensions.Configuration;

namespace LoadHarness.Cli.Configuration;

/// <summary>The built-in <c>Sql</c> scenario: a ScenariosSettings entry with a <c>Sql</c> section, bound to <see cref="SqlScenarioSettings"/>.</summary>
internal static class SqlScenarioBinding
{
    public static KeySchema Schema { get; } = KeySchema.FromType(typeof(SqlScenarioSettings));

    public static IReadOnlyList<string> Validate(IConfigurationSection section, string path)
    {
        SqlScenarioSettings settings;
        try
        {
            settings = Bind(section);
        }
        catch (InvalidOperationException e)
        {
            return [$"{path}: {e.Message}"];
        }

        return settings.Validate(path);
    }

    public static SqlScenarioSettings Bind(IConfigurationSection section) =>
        section.Get<SqlScenarioSettings>() ?? new SqlScenarioSettings();

    /// <summary>Whether the scenario has a database of its own (it then needs no Target.ConnectionString).</summary>
    public static bool HasOwnConnection(IConfigurationSection section) => !string.IsNullOrWhiteSpace(section["ConnectionString"]);

    public static ScenarioDefinition Create(string name, IConfigurationSection section, string? targetConnectionString, string path, SqlParameterCache? cache) =>
        SqlScenarios.Create(name, Bind(section), targetConnectionString, path, cache);

    /// <summary>The queries of every targeted Sql scenario by name (the SQL that runs), for <c>db.statement(name)</c>.</summary>
    public static IReadOnlyDictionary<string, string> NamedStatements(RunSettings settings)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in settings.TargetScenarios.Select(settings.Find).OfType<ScenarioSettings>().Where(s => s.Sql is not null))
        {
            foreach (var (name, sql) in SqlScenarios.NamedStatements(Bind(entry.Sql!)))
            {
                named.TryAdd(name, sql);
            }
        }

        return named;
    }

    /// <summary>Every targeted Sql scenario checked against its database (parameter queries return rows, queries prepare), each problem by path.</summary>
    public static async Task<IReadOnlyList<ConfigProblem>> CheckAsync(RunSettings settings, string? targetConnectionString, SqlParameterCache cache,
        CancellationToken cancellationToken)
    {
        var problems = new List<ConfigProblem>();
        foreach (var entry in settings.TargetScenarios.Select(settings.Find).OfType<ScenarioSettings>().Where(s => s.Sql is not null))
        {
            foreach (var problem in await SqlScenarios.CheckAsync(Bind(entry.Sql!), targetConnectionString, entry.Path + ".Sql", cache, cancellationToken).ConfigureAwait(false))
            {
                var colon = problem.IndexOf(": ", StringComparison.Ordinal);
                problems.Add(colon > 0 ? new ConfigProblem(problem[..colon], problem[(colon + 2)..]) : new ConfigProblem("", problem));
            }
        }

        return problems;
    }
}
